package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one compare-and-set takes sequence numbers: exactly what is left of a tick, never more, and every
 * ID carries the tick, the datacenter, the worker and the sequence in their own fields, whatever the
 * layout puts where.
 */
class ReservationBoundaryTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);

    private IdGeneratorBuilder builder() {
        return IdGenerator.builder(BitLayout.DEFAULT).datacenter(1).worker(5).timeSource(clock);
    }

    @Test
    void aBatchStartedMidTickTakesExactlyTheRestOfTheTickThenStartsTheNextAtSequenceZero() {
        IdGenerator gen = builder().build();
        gen.nextIds(100);
        clock.autoAdvanceMillisPerRead(1);
        IdBatch batch = gen.nextIds(5000);

        List<DecodedId> inFirstTick = new ArrayList<>();
        List<DecodedId> inSecondTick = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            DecodedId d = BitLayout.DEFAULT.decode(batch.get(i));
            assertThat(d.worker()).as("worker of ID %d", i).isEqualTo(5);
            assertThat(d.datacenter()).as("datacenter of ID %d", i).isEqualTo(1);
            (d.timestamp().toEpochMilli() == T ? inFirstTick : inSecondTick).add(d);
        }
        assertThat(inFirstTick).hasSize(4096 - 100);
        assertThat(inFirstTick.get(0).sequence()).isEqualTo(100);
        assertThat(inFirstTick.get(inFirstTick.size() - 1).sequence()).isEqualTo(4095);
        assertThat(inSecondTick).hasSize(5000 - 3996);
        assertThat(inSecondTick.get(0).sequence()).as("the next tick starts at sequence 0").isZero();
        assertThat(inSecondTick.get(0).timestamp().toEpochMilli()).isGreaterThan(T);
        assertThat(gen.stats().rollbacks()).isZero();
    }

    @Test
    void aWholeTickFitsOneNonWaitingCallAndOneMoreIdDoesNot() {
        IdGenerator gen = builder().build();
        gen.nextId();
        clock.advance(1);
        long[] tick = new long[4096];
        assertThat(gen.tryNextIds(new long[4097], 0, 4097)).isEqualTo(-1);
        assertThat(gen.tryNextIds(tick, 0, 4096)).as("a fresh tick holds 4096 IDs").isEqualTo(4095);
        assertThat(BitLayout.DEFAULT.decode(tick[0]).sequence()).isZero();
        assertThat(BitLayout.DEFAULT.decode(tick[4095]).sequence()).isEqualTo(4095);
        assertThat(BitLayout.DEFAULT.decode(tick[4095]).timestamp().toEpochMilli()).isEqualTo(T + 1);
    }

    @Test
    void aNonWaitingCallChecksItsRangeBeforeTakingAnything() {
        IdGenerator gen = builder().build();
        long[] into = new long[10];
        assertThatThrownBy(() -> gen.tryNextIds(into, 5, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset must be 0..0: offset=5");
        assertThat(into).containsOnly(0L);
        assertThat(gen.stats().generated()).isZero();
    }

    @Test
    void theLastTickUsedUpNamesTheFirstTickTheLayoutCannotHold() {
        BitLayout shortLived = BitLayout.builder().name("short").timestampBits(36).sequenceBits(12)
                .epochMillis(T - 1000).build(T);
        clock.set(shortLived.endOfLifeMillis() - 1);
        IdGenerator gen = IdGenerator.builder(shortLived).timeSource(clock).build();
        gen.nextIds(4096);
        assertThatThrownBy(gen::nextId).isInstanceOf(LayoutExpiredException.class)
                .hasMessageContaining("is full: tick " + (1L << 36) + " exceeds its 36-bit timestamp (max tick "
                        + ((1L << 36) - 1) + ",");
    }

    @Test
    void logicalOffsetDoesNotLetAFullTickRunAheadWhileTheClockIsNotBehind() {
        IdGenerator gen = builder().rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(2))).build();
        gen.nextIds(4096); // tick T used up, the clock still reads T
        clock.autoAdvanceMillisPerRead(1);
        long next = gen.nextId();
        assertThat(BitLayout.DEFAULT.decode(next).timestamp().toEpochMilli()).isGreaterThan(T);
        GeneratorStats stats = gen.stats();
        assertThat(stats.borrowedTicks()).as("the lead is for a clock behind, not for bursts").isZero();
        assertThat(stats.overflowWaits()).isEqualTo(1);
        assertThat(stats.rollbacks()).isZero();
    }

    @Test
    void sonyflakeKeepsTheSequenceAboveTheMachineBitsForSinglesAndBatchesAlike() {
        BitLayout sony = BitLayout.preset("sonyflake");
        clock.set(T + 7); // inside the 10 ms tick that starts at T
        IdGenerator gen = IdGenerator.builder(sony).worker(7).timeSource(clock).build();
        long first = gen.nextId();
        long second = gen.nextId();
        IdBatch batch = gen.nextIds(2);
        long[] ids = {first, second, batch.get(0), batch.get(1)};
        for (int i = 0; i < ids.length; i++) {
            DecodedId d = sony.decode(ids[i]);
            assertThat(d.sequence()).as("sequence of ID %d", i).isEqualTo(i);
            assertThat(d.worker()).isEqualTo(7);
            assertThat(d.timestamp().toEpochMilli()).as("the tick, not the millisecond").isEqualTo(T);
        }
        assertThat(second - first).isEqualTo(1L << 16);
        assertThat(batch.maxSequence()).isEqualTo(3);
    }

    @Test
    void theGeneratorNamesItsWorkerDatacenterLayoutAndClock() {
        IdGenerator gen = builder().build();
        assertThat(gen.datacenter()).isEqualTo(1);
        assertThat(gen.worker()).isEqualTo(5);
        assertThat(gen.layout()).isSameAs(BitLayout.DEFAULT);
        assertThat(gen).hasToString("IdGenerator[default, dc=1, worker=5, manual(" + T + ")]");
    }
}
