package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Snowflake generator on the hlc layout with policies that run ahead instead of waiting: a hybrid logical clock. */
class HybridLogicalClockTest {
    private static final BitLayout HLC = BitLayout.preset("hlc");
    private static final long T = HLC.epochMillis() + 1_000_000;

    private static IdGenerator hlc(TimeSource clock, int worker, Duration maxDrift) {
        return IdGenerator.builder(HLC).timeSource(clock).worker(worker).rollbackPolicy(ClockRollbackPolicy.logicalOffset(maxDrift))
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(maxDrift)).build();
    }

    @Test
    void aRollbackWithinTheDriftNeverStallsAndIdsKeepIncreasing() {
        ManualTimeSource clock = new ManualTimeSource(T);
        IdGenerator g = hlc(clock, 1, Duration.ofSeconds(10));
        long before = g.nextId();
        clock.advance(-5_000);
        long previous = before;
        for (int i = 0; i < 10_000; i++) {
            long id = g.nextId();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        assertThat(HLC.decode(previous).timestamp().toEpochMilli() - clock.peek()).isBetween(5_000L, 5_003L);
        assertThat(g.stats().leadMillis()).isBetween(5_000L, 5_003L);
    }

    @Test
    void anObservedIdFromANodeAheadMakesTheNextIdSortAfterIt() {
        ManualTimeSource aheadClock = new ManualTimeSource(T + 300);
        ManualTimeSource localClock = new ManualTimeSource(T);
        IdGenerator remote = hlc(aheadClock, 7, Duration.ofSeconds(1));
        IdGenerator local = hlc(localClock, 2, Duration.ofSeconds(1));
        long sent = remote.nextId();
        assertThat(local.nextId()).isLessThan(sent); // without the merge, the local clock orders it first
        local.observe(sent);
        long reply = local.nextId();
        assertThat(reply).isGreaterThan(sent);
        assertThat(HLC.decode(reply).timestamp().toEpochMilli()).isEqualTo(T + 300);
        assertThat(HLC.decode(reply).worker()).isEqualTo(2);
    }

    @Test
    void observingAnOlderIdChangesNothing() {
        ManualTimeSource clock = new ManualTimeSource(T);
        IdGenerator g = hlc(clock, 1, Duration.ofSeconds(1));
        long old = g.nextId();
        clock.advance(10);
        long next = g.nextId();
        g.observe(old);
        assertThat(HLC.decode(g.nextId()).timestamp()).isEqualTo(HLC.decode(next).timestamp());
    }

    @Test
    void anIdFurtherAheadThanTheDriftIsRefusedNamingBoth() {
        ManualTimeSource clock = new ManualTimeSource(T);
        IdGenerator g = hlc(clock, 1, Duration.ofSeconds(1));
        long far = HLC.compose(T + 5_000, 0, 3, 0);
        assertThatThrownBy(() -> g.observe(far)).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("5000 ms ahead of this node's clock")
                .hasMessageContaining("more than the 1000 ms this generator may run ahead");
        assertThat(g.nextId()).isLessThan(far);
    }

    @Test
    void aPlainSnowflakeGeneratorCanMergeOnlyWithinItsBorrowLead() {
        ManualTimeSource clock = new ManualTimeSource(T);
        IdGenerator plain = IdGenerator.builder(HLC).timeSource(clock).worker(1).build();
        assertThatThrownBy(() -> plain.observe(HLC.compose(T + 10, 0, 3, 0))).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("more than the 0 ms this generator may run ahead");
    }

    @Test
    void aClosedGeneratorRefusesToObserve() {
        IdGenerator g = hlc(new ManualTimeSource(T), 1, Duration.ofSeconds(1));
        long id = g.nextId();
        g.close();
        assertThatThrownBy(() -> g.observe(id)).isInstanceOf(GeneratorClosedException.class);
    }
}
