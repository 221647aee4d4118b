package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The generator's side of a worker lease: it checks the deadline and the reservation on every call. */
class LeasedGeneratorTest {
    private static final BitLayout LAYOUT = BitLayout.preset("default");

    /** A lease under the test's control; the coordination module provides the real ones. */
    static final class TestLease implements WorkerLease {
        volatile long validUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        volatile long reservedUntilMillis;
        final AtomicInteger renewalRequests = new AtomicInteger();
        volatile long releasedWith = Long.MIN_VALUE;
        Optional<HighWaterMark> previous = Optional.empty();

        TestLease(long reservedUntilMillis) {
            this.reservedUntilMillis = reservedUntilMillis;
        }

        @Override public int datacenter() { return 2; }
        @Override public int worker() { return 17; }
        @Override public long epoch() { return 4; }
        @Override public long validUntilNanos() { return validUntilNanos; }
        @Override public long reservedUntilMillis() { return reservedUntilMillis; }
        @Override public Optional<HighWaterMark> previousHolders() { return previous; }
        @Override public void requestRenewal() { renewalRequests.incrementAndGet(); }
        @Override public void release(long lastIssuedMillis) { releasedWith = lastIssuedMillis; }
        @Override public String describe() { return "worker 17 of test (epoch 4)"; }
    }

    @Test
    void issuesAsTheLeasedWorkerUntilTheDeadlineThenRefuses() {
        ManualTimeSource clock = new ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);
        TestLease lease = new TestLease(clock.currentTimeMillis() + 10_000);
        IdGenerator g = IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).build();
        long id = g.nextId();
        assertThat(LAYOUT.decode(id).worker()).isEqualTo(17);
        assertThat(LAYOUT.decode(id).datacenter()).isEqualTo(2);

        lease.validUntilNanos = System.nanoTime() - 1;
        assertThatThrownBy(g::nextId).isInstanceOf(LeaseNotValidException.class)
                .hasMessageContaining("worker 17 of test (epoch 4) passed its deadline");
        assertThatThrownBy(() -> g.nextIds(10)).isInstanceOf(LeaseNotValidException.class);
        assertThatThrownBy(() -> g.nextIds(new long[10], 0, 10)).isInstanceOf(LeaseNotValidException.class);
    }

    @Test
    void aClockPastTheReservationIsRefusedAndAsksForARenewal() {
        ManualTimeSource clock = new ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);
        TestLease lease = new TestLease(clock.currentTimeMillis() + 100);
        IdGenerator g = IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).build();
        g.nextId();
        clock.advance(101);
        assertThatThrownBy(g::nextId).isInstanceOf(LeaseNotValidException.class)
                .hasMessageContaining("past what worker 17 of test (epoch 4) has reserved");
        assertThat(lease.renewalRequests).hasValue(1);
        lease.reservedUntilMillis += 1_000;
        assertThat(g.nextId()).isPositive();
    }

    @Test
    void startsAfterThePreviousHoldersMarkAndReleasesWithTheExactLastTimestamp() {
        ManualTimeSource clock = new ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);
        TestLease lease = new TestLease(clock.currentTimeMillis() + 10_000);
        lease.previous = Optional.of(new HighWaterMark(clock.currentTimeMillis() - 5, clock.currentTimeMillis() - 1000));
        IdGenerator g = IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).build();
        long last = 0;
        for (int i = 0; i < 5000; i++) { // spans two ticks at 4096 per tick, with borrowing off
            last = g.nextIds(1).get(0);
            if (i == 4095) {
                clock.advance(3);
            }
        }
        g.close();
        assertThat(lease.releasedWith).isEqualTo(LAYOUT.decode(last).timestamp().toEpochMilli());
        assertThatThrownBy(g::nextId).isInstanceOf(GeneratorClosedException.class).hasMessageContaining("is closed");
    }

    @Test
    void aClockBehindThePreviousHoldersMarkBeyondTheWaitBoundRefusesAndHandsTheLeaseBack() {
        ManualTimeSource clock = new ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);
        TestLease lease = new TestLease(clock.currentTimeMillis() + 10_000);
        long mark = clock.currentTimeMillis() + 5_000;
        lease.previous = Optional.of(new HighWaterMark(mark, clock.currentTimeMillis()));
        assertThatThrownBy(() -> IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).maxStartupWait(Duration.ofSeconds(1)).build())
                .isInstanceOf(ClockBehindHighWaterMarkException.class);
        assertThat(lease.releasedWith).as("handed back with the earlier mark unchanged").isEqualTo(mark);
    }

    @Test
    void aLeaseWithAFileStoreStartsAfterTheHigherMarkAndKeepsBothCurrent() {
        // Review finding 2026-11-30 #4: a worker moved from static to leased allocation ignored its file mark.
        ManualTimeSource clock = new ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);
        long now = clock.currentTimeMillis();
        TestLease lease = new TestLease(now + 10_000);
        lease.previous = Optional.of(new HighWaterMark(now - 50, now - 1000));
        java.util.concurrent.atomic.AtomicReference<HighWaterMark> file = new java.util.concurrent.atomic.AtomicReference<>(
                new HighWaterMark(now + 300, now - 10)); // the static incarnation ran with its clock ahead
        clock.autoAdvanceMillisPerRead(1);
        IdGenerator g = IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease)
                .highWaterMark(new MemoryHighWaterMarkStore(file)).build();
        long first = g.nextId();
        assertThat(LAYOUT.decode(first).timestamp().toEpochMilli()).as("after the file's mark, not only the lease's")
                .isGreaterThan(now + 300);
        assertThat(file.get().reservedUntilMillis()).as("the file mark is kept ahead too").isGreaterThan(now + 300);
        g.close();
        assertThat(lease.releasedWith).isEqualTo(LAYOUT.decode(first).timestamp().toEpochMilli());
        assertThat(file.get().reservedUntilMillis()).isEqualTo(LAYOUT.decode(first).timestamp().toEpochMilli());
    }
}
