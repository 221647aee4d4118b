package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rollback policies at their bounds: a clock behind by exactly the bound is still served, one tick
 * more is not; a wait ends as soon as the clock is within reach; bounds given in milliseconds are
 * converted to ticks on layouts whose tick is longer than a millisecond.
 */
class ClockBehindBoundaryTest {
    static final long T = SnowflakeGeneratorTest.T;
    private static final BitLayout SONY = BitLayout.preset("sonyflake"); // 10 ms ticks; T starts one
    private final ManualTimeSource clock = new ManualTimeSource(T);

    private static long millis(BitLayout layout, long id) {
        return layout.decode(id).timestamp().toEpochMilli();
    }

    @Test
    void logicalOffsetServesAClockBehindByExactlyItsLead() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(100))).build();
        long before = gen.nextId();
        clock.set(T - 100);
        long ahead = gen.nextId();
        assertThat(ahead).isGreaterThan(before);
        assertThat(millis(BitLayout.DEFAULT, ahead)).isEqualTo(T);
        clock.set(T - 101);
        assertThatThrownBy(gen::nextId).isInstanceOf(ClockMovedBackwardsException.class).hasMessageContaining("101 ms behind");
    }

    @Test
    void waitServesAClockBehindByExactlyItsBoundAndIssuesAtTheClocksNewTime() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofMillis(1000))).build();
        long before = gen.nextId();
        clock.set(T - 1000);
        clock.autoAdvanceMillisPerRead(1); // the clock catches up while the caller waits
        long after = gen.nextId();
        assertThat(after).isGreaterThan(before);
        DecodedId d = BitLayout.DEFAULT.decode(after);
        assertThat(d.timestamp().toEpochMilli()).as("after the wait the clock is read again").isGreaterThan(T);
        assertThat(d.sequence()).isZero();
        assertThat(gen.stats().rollbacks()).isEqualTo(1);
        assertThat(gen.stats().largestRollbackMillis()).isEqualTo(1000);
    }

    @Test
    void aWaitThatEndsWithTheClockExactlyOnTheNewestTickIssuesInThatTick() {
        CatchUpClock catchingUp = new CatchUpClock(T, T); // stands at T
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(catchingUp)
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1))).build();
        long before = gen.nextId();
        catchingUp.set(T - 300); // climbs back to T, one millisecond per read, and stops there
        long after = gen.nextId();
        DecodedId d = BitLayout.DEFAULT.decode(after);
        assertThat(d.timestamp().toEpochMilli()).isEqualTo(T);
        assertThat(d.sequence()).isEqualTo(1);
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void withBorrowingTheWaitEndsOnceTheClockIsWithinTheBorrowLead() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(5)))
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1))).build();
        long before = gen.nextId(); // (T, 0)
        clock.set(T - 500);
        clock.autoAdvanceMillisPerRead(1);
        long after = gen.nextId();
        DecodedId d = BitLayout.DEFAULT.decode(after);
        assertThat(d.timestamp().toEpochMilli()).as("issued within the lead, not after waiting for T itself").isEqualTo(T);
        assertThat(d.sequence()).isEqualTo(1);
        assertThat(after).isEqualTo(before + 1);
        assertThat(clock.peek()).as("the wait stopped 5 ms short of T").isLessThan(T);
    }

    @Test
    void aLogicalOffsetInMillisecondsIsConvertedToTicks() {
        IdGenerator gen = IdGenerator.builder(SONY).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(50))).build();
        gen.nextId();
        clock.set(T - 50); // 5 ticks behind: within the lead
        assertThat(millis(SONY, gen.nextId())).isEqualTo(T);
        clock.set(T - 60); // 6 ticks behind
        assertThatThrownBy(gen::nextId).isInstanceOf(ClockMovedBackwardsException.class).hasMessageContaining("60 ms behind");
    }

    @Test
    void aBorrowLeadInMillisecondsIsConvertedToTicks() {
        IdGenerator gen = IdGenerator.builder(SONY).timeSource(clock)
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(50))).build();
        IdBatch batch = gen.nextIds(256 * 5 + 1); // ticks T .. T+50 ms: the whole 5-tick lead
        assertThat(millis(SONY, batch.last())).isEqualTo(T + 50);
        assertThat(gen.stats().borrowedTicks()).isEqualTo(5);
        clock.set(T - 10); // one tick more behind than the lead: a rollback, not borrowing
        assertThat(gen.tryNextIds(new long[1], 0, 1)).isEqualTo(-1);
        clock.set(T);
        assertThat(gen.tryNextIds(new long[1], 0, 1)).as("exactly the lead").isEqualTo(1);
    }

    @Test
    void readinessConvertsTicksToMillisecondsOnACoarseTick() {
        IdGenerator gen = IdGenerator.builder(SONY).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(50))).build();
        gen.nextId();
        clock.set(T - 50);
        assertThat(gen.readiness().ready()).as("exactly the lead").isTrue();
        clock.set(T - 60);
        Readiness r = gen.readiness();
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).contains("reads 60 ms behind").contains("more than the 50 ms that rollback policy");
    }
}
