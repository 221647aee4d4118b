package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Waiting}: bounded waits on a time source park in short slices while the target is more than
 * 2 ms away (no core burnt on a long wait) and spin closer to it (no park overshooting the target); a
 * target already reached returns after one read.
 */
class WaitStrategyTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);
    private final SnowflakeGeneratorTest.CountingClock counting = new SnowflakeGeneratorTest.CountingClock(clock);

    private Thread waitInBackground(long targetMillis) {
        Thread t = new Thread(() -> Waiting.untilMillis(counting, targetMillis, TimeUnit.SECONDS.toNanos(60)), "waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aTargetAlreadyReachedReturnsAfterOneRead() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Waiting.untilMillis(counting, T, TimeUnit.SECONDS.toNanos(60)));
        assertThat(counting.reads).hasValue(1);
    }

    @Test
    void aWaitForATargetFarAheadParks() throws Exception {
        Thread waiter = waitInBackground(T + 1000);
        Eventually.until("the waiter parked", () -> waiter.getState() == Thread.State.TIMED_WAITING);
        clock.set(T + 1000);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void aWaitForATargetTwoMillisecondsAheadSpinsWithoutParking() throws Exception {
        Thread waiter = waitInBackground(T + 2);
        long from = counting.reads.get();
        Eventually.until("1000 clock reads", () -> counting.reads.get() - from >= 1_000);
        long sampledFrom = counting.reads.get();
        int samples = 0;
        while (counting.reads.get() - sampledFrom < 20_000) {
            assertThat(waiter.getState()).as("sample %d", samples).isNotEqualTo(Thread.State.TIMED_WAITING);
            samples++;
        }
        clock.set(T + 2);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void aWaitGivesUpAfterItsRealTimeBound() {
        long started = System.nanoTime();
        Waiting.untilMillis(counting, T + 1000, TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(clock.peek()).isEqualTo(T);
    }

    /** A clock that resolves nanoseconds, as the system clock does on Linux. */
    static final class NanoClock implements TimeSource {
        final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public long currentTimeMillis() {
            return Math.floorDiv(nanos.get(), 1_000_000L);
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean resolvesSubMillisecond() {
            return true;
        }
    }

    private static Thread pauseUntil(NanoClock clock, long targetMillis) {
        Thread t = new Thread(() -> {
            while (clock.currentTimeMillis() < targetMillis) {
                Waiting.pauseBefore(clock, targetMillis);
            }
        }, "tick-waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void withASubMillisecondClockAWaitForTheNextTickParksUntilJustBeforeIt() throws Exception {
        NanoClock clock = new NanoClock();
        clock.nanos.set(T * 1_000_000L + 100_000); // 0.9 ms before the next tick: parking beats spinning
        Thread waiter = pauseUntil(clock, T + 1);
        Eventually.until("the waiter parked", () -> waiter.getState() == Thread.State.TIMED_WAITING);
        clock.nanos.set((T + 1) * 1_000_000L);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void withASubMillisecondClockTheLastHundredMicrosecondsAreSpun() throws Exception {
        NanoClock clock = new NanoClock();
        clock.nanos.set((T + 1) * 1_000_000L - Waiting.SPIN_MARGIN_NANOS);
        Thread waiter = pauseUntil(clock, T + 1);
        Eventually.until("the waiter runs", () -> waiter.getState() == Thread.State.RUNNABLE);
        for (int sample = 0; sample < 20_000; sample++) {
            assertThat(waiter.getState()).as("sample %d", sample).isNotEqualTo(Thread.State.TIMED_WAITING);
        }
        clock.nanos.set((T + 1) * 1_000_000L);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void onlyTheSystemAndMonotonicClocksClaimSubMillisecondResolution() {
        assertThat(TimeSource.system().resolvesSubMillisecond()).isTrue();
        assertThat(TimeSource.monotonic().resolvesSubMillisecond()).isTrue();
        assertThat(new ManualTimeSource(T).resolvesSubMillisecond()).isFalse();
        long before = System.currentTimeMillis();
        long nanos = TimeSource.system().currentTimeNanos();
        assertThat(Math.floorDiv(nanos, 1_000_000L)).isBetween(before, System.currentTimeMillis());
    }
}
