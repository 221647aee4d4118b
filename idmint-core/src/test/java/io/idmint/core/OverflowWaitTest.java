package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A caller whose tick is used up waits for the clock: one wait, counted once, timed in real nanoseconds;
 * parked when the next tick is milliseconds away, spinning when it is under the spin threshold.
 */
class OverflowWaitTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);
    private final SnowflakeGeneratorTest.CountingClock counting = new SnowflakeGeneratorTest.CountingClock(clock);

    /** Runs {@code gen.nextId()} on a thread of its own; the ID lands in {@code result}. */
    private static Thread issueInBackground(IdGenerator gen, AtomicLong result) {
        Thread t = new Thread(() -> result.set(gen.nextId()), "overflow-waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void awaitClockReads(long reads) {
        long from = counting.reads.get();
        Eventually.until(reads + " clock reads", () -> counting.reads.get() - from >= reads);
    }

    @Test
    void aCallerWaitingForTheNextTickIsOneOverflowWaitTimedInRealTime() throws Exception {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(counting).build();
        gen.nextIds(4096); // tick T used up; the clock stays at T
        AtomicLong id = new AtomicLong();
        long started = System.nanoTime();
        Thread waiter = issueInBackground(gen, id);
        awaitClockReads(10_000); // the caller is waiting on the clock
        assertThat(waiter.isAlive()).isTrue();
        clock.advance(1);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        long elapsed = System.nanoTime() - started;
        assertThat(waiter.isAlive()).isFalse();
        DecodedId d = BitLayout.DEFAULT.decode(id.get());
        assertThat(d.timestamp().toEpochMilli()).isEqualTo(T + 1);
        assertThat(d.sequence()).isZero();
        GeneratorStats stats = gen.stats();
        assertThat(stats.overflowWaits()).as("one wait, however many times the clock was read").isEqualTo(1);
        assertThat(stats.overflowWaitNanos()).isPositive().isLessThanOrEqualTo(elapsed);
        assertThat(stats.borrowedTicks()).isZero();
    }

    @Test
    void aCallerMillisecondsAwayFromTheNextTickParks() throws Exception {
        BitLayout sony = BitLayout.preset("sonyflake"); // 10 ms ticks, 256 IDs each
        IdGenerator gen = IdGenerator.builder(sony).timeSource(counting).build();
        gen.nextIds(256);
        AtomicLong id = new AtomicLong();
        Thread waiter = issueInBackground(gen, id);
        Eventually.until("the waiter parked", () -> waiter.getState() == Thread.State.TIMED_WAITING);
        clock.advance(10);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(sony.decode(id.get()).timestamp().toEpochMilli()).isEqualTo(T + 10);
    }

    @Test
    void aCallerLessThanTheSpinThresholdAwayFromTheNextTickSpinsWithoutParking() throws Exception {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(counting).build();
        gen.nextIds(4096); // the next tick is 1 ms away: under the 2 ms below which waits spin
        AtomicLong id = new AtomicLong();
        Thread waiter = issueInBackground(gen, id);
        awaitClockReads(1_000);
        long from = counting.reads.get();
        int samples = 0;
        while (counting.reads.get() - from < 20_000) {
            assertThat(waiter.getState()).as("sample %d", samples).isNotEqualTo(Thread.State.TIMED_WAITING);
            samples++;
        }
        clock.advance(1);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(BitLayout.DEFAULT.decode(id.get()).timestamp().toEpochMilli()).isEqualTo(T + 1);
    }
}
