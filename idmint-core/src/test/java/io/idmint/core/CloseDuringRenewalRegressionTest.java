package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Review finding 2026-11-22 #1: a renewal in flight when close() began raised renewAtTick again after
 * close() lowered it, so the closed generator kept issuing ticks past the mark it stored, and the next
 * incarnation reissued them.
 */
class CloseDuringRenewalRegressionTest {
    static final long T = SnowflakeGeneratorTest.T;

    /** Blocks the second write (the first renewal) until released. */
    static final class GatedStore implements HighWaterMarkStore {
        final AtomicReference<HighWaterMark> mark = new AtomicReference<>();
        final CountDownLatch renewalStarted = new CountDownLatch(1);
        final CountDownLatch releaseRenewal = new CountDownLatch(1);
        int writes;

        @Override
        public Optional<HighWaterMark> load() {
            return Optional.ofNullable(mark.get());
        }

        @Override
        public void store(HighWaterMark m) {
            if (++writes == 2) {
                renewalStarted.countDown();
                try {
                    releaseRenewal.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            mark.set(m);
        }

        @Override
        public String location() {
            return "gated";
        }

        @Override
        public void close() {}
    }

    @Test
    void closedGeneratorNeverIssuesPastTheMarkItStored() throws Exception {
        ManualTimeSource clock = new ManualTimeSource(T);
        GatedStore store = new GatedStore();
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).highWaterMark(store).build();
        gen.nextId();
        clock.set(T + 600); // past half of the 1 s reservation: the next ID renews it
        CompletableFuture<Long> renewing = CompletableFuture.supplyAsync(gen::nextId);
        assertThat(store.renewalStarted.await(30, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(gen::close, "closer");
        closer.start();
        awaitBlocked(closer);
        store.releaseRenewal.countDown();
        long lastBeforeClose = renewing.get(30, TimeUnit.SECONDS);
        closer.join(30_000);
        long storedMark = store.mark.get().reservedUntilMillis();
        assertThat(BitLayout.DEFAULT.decode(lastBeforeClose).timestamp().toEpochMilli()).isLessThanOrEqualTo(storedMark);
        clock.set(T + 700); // inside the renewed reservation, beyond the stored mark
        assertThatThrownBy(gen::nextId).isInstanceOf(GeneratorClosedException.class).hasMessageContaining("closed");
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("closer never blocked on the guard's lock").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
