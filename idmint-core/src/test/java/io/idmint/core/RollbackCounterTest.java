package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code idmint_clock_rollbacks_total} and the tick statistics: a rollback is counted once per episode,
 * only when the clock really reads behind the issued IDs by more than overflow borrowing explains, and
 * never on the ordinary paths (same tick, next tick, borrowing within the lead).
 */
class RollbackCounterTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);

    private IdGeneratorBuilder builder() {
        return IdGenerator.builder(BitLayout.DEFAULT).worker(2).timeSource(clock);
    }

    @Test
    void idsInTheSameTickAreNoRollback() {
        IdGenerator gen = builder().build();
        gen.nextId();
        gen.nextId();
        gen.nextIds(10);
        gen.tryNextIds(new long[3], 0, 3);
        GeneratorStats stats = gen.stats();
        assertThat(stats.generated()).isEqualTo(15);
        assertThat(stats.rollbacks()).isZero();
        assertThat(stats.largestRollbackMillis()).isZero();
        assertThat(stats.lastRollbackAtMillis()).isEqualTo(-1);
    }

    @Test
    void borrowingUpToExactlyTheLeadIsNoRollback() {
        IdGenerator gen = builder().overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(5))).build();
        gen.nextIds(4096 * 5 + 1); // ticks T .. T+5: the newest tick is exactly the 5 ms lead ahead
        gen.nextId(); // the clock reads 5 ticks behind that tick: borrowing, not a rollback
        GeneratorStats stats = gen.stats();
        assertThat(stats.borrowedTicks()).isEqualTo(5);
        assertThat(stats.leadMillis()).isEqualTo(5);
        assertThat(stats.rollbacks()).isZero();
        assertThat(stats.lastRollbackAtMillis()).isEqualTo(-1);
    }

    @Test
    void oneEpisodeIsCountedOnceWhileTheGeneratorRunsAheadUpToItsHorizon() {
        IdGenerator gen = builder().rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(5))).build();
        gen.nextId(); // (T, 0)
        clock.set(T - 3); // the episode starts: 3 ms behind, horizon T + 5
        gen.nextId(); // (T, 1), issued ahead of the clock
        gen.nextIds(4094 + 10); // the rest of T, then T+1 borrowed (4 ms ahead)
        clock.set(T); // still behind the newest tick, T+1
        gen.nextIds(4086 + 3 * 4096 + 10); // the rest of T+1, then T+2, T+3, T+4 and T+5: the horizon
        long atHorizon = gen.nextId(); // detected again with the newest tick exactly at the horizon
        assertThat(BitLayout.DEFAULT.decode(atHorizon).timestamp().toEpochMilli()).isEqualTo(T + 5);
        GeneratorStats stats = gen.stats();
        assertThat(stats.rollbacks()).as("one episode").isEqualTo(1);
        assertThat(stats.largestRollbackMillis()).isEqualTo(5);
        assertThat(stats.borrowedTicks()).isEqualTo(5);
    }

    @Test
    void aRollbackOnACoarseTickIsMeasuredInMilliseconds() {
        BitLayout sony = BitLayout.preset("sonyflake");
        IdGenerator gen = IdGenerator.builder(sony).timeSource(clock).rollbackPolicy(ClockRollbackPolicy.failFast()).build();
        gen.nextId();
        clock.set(T - 60); // six 10 ms ticks behind
        assertThatThrownBy(gen::nextId).isInstanceOf(ClockMovedBackwardsException.class)
                .hasMessageContaining(", 60 ms behind the newest timestamp")
                .satisfies(e -> assertThat(((ClockMovedBackwardsException) e).behindMillis()).isEqualTo(60));
        assertThat(gen.stats().largestRollbackMillis()).isEqualTo(60);
        assertThat(gen.stats().rollbacks()).isEqualTo(1);
    }

    @Test
    void theLastCompletedTickReportsItsHighestSequenceAndThePeakKeepsTheMaximum() {
        IdGenerator gen = builder().build();
        gen.nextIds(10); // T: sequences 0..9
        clock.advance(1);
        gen.nextIds(3); // T+1: 0..2; T is completed
        assertThat(gen.stats().lastTickMaxSequence()).isEqualTo(9);
        assertThat(gen.stats().peakTickMaxSequence()).isEqualTo(9);
        clock.advance(1);
        gen.nextId(); // T+1 is completed
        GeneratorStats stats = gen.stats();
        assertThat(stats.lastTickMaxSequence()).isEqualTo(2);
        assertThat(stats.peakTickMaxSequence()).isEqualTo(9);
        assertThat(stats.generated()).isEqualTo(14);
    }
}
