package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour with a manual clock: every outcome here is deterministic. */
class SnowflakeGeneratorTest {
    static final long T = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private final ManualTimeSource clock = new ManualTimeSource(T);

    private IdGeneratorBuilder builder() {
        return IdGenerator.builder(BitLayout.DEFAULT).datacenter(1).worker(5).timeSource(clock);
    }

    @Test
    void firstIdCarriesTheClockAndTheWorker() {
        IdGenerator gen = builder().build();
        DecodedId id = BitLayout.DEFAULT.decode(gen.nextId());
        assertThat(id.timestamp()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(id.datacenter()).isEqualTo(1);
        assertThat(id.worker()).isEqualTo(5);
        assertThat(id.sequence()).isZero();
        assertThat(BitLayout.DEFAULT.decode(gen.nextId()).sequence()).isEqualTo(1);
    }

    @Test
    void seed003TenIdsInOneTickHaveMaxSequenceNine() {
        IdBatch batch = builder().build().nextIds(10);
        assertThat(batch.size()).isEqualTo(10);
        assertThat(batch.maxSequence()).isEqualTo(9);
        for (int i = 1; i < 10; i++) {
            assertThat(batch.get(i)).isEqualTo(batch.get(i - 1) + 1);
        }
    }

    @Test
    void batchMaxSequenceCountsFromWhereTheTickAlreadyWas() {
        IdGenerator gen = builder().build();
        gen.nextIds(5);
        assertThat(gen.nextIds(10).maxSequence()).isEqualTo(14);
    }

    @Test
    void sequenceOverflowAt4096MovesToTheNextTick() {
        IdGenerator gen = builder().build();
        long last = 0;
        for (int i = 0; i < 4096; i++) {
            last = gen.nextId();
        }
        assertThat(BitLayout.DEFAULT.decode(last).sequence()).isEqualTo(4095);
        clock.autoAdvanceMillisPerRead(1);
        DecodedId next = BitLayout.DEFAULT.decode(gen.nextId());
        assertThat(next.timestamp()).isAfter(Instant.ofEpochMilli(T));
        assertThat(next.sequence()).isZero();
        GeneratorStats stats = gen.stats();
        assertThat(stats.overflowWaits()).isEqualTo(1);
        assertThat(stats.generated()).isEqualTo(4097);
        assertThat(stats.peakTickMaxSequence()).isEqualTo(4095);
        assertThat(stats.peakSequenceUtilisation()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 4096, 4097, 20_000})
    void batchesAreUniqueAndStrictlyIncreasingAcrossTicks(int count) {
        clock.autoAdvanceMillisPerRead(1);
        IdGenerator gen = builder().build();
        gen.nextId();
        IdBatch batch = gen.nextIds(count);
        assertThat(batch.size()).isEqualTo(count);
        for (int i = 1; i < count; i++) {
            assertThat(batch.get(i)).isGreaterThan(batch.get(i - 1));
        }
        assertThat(batch.maxSequence()).isEqualTo(Math.min(count, 4096) - 1);
        assertThat(gen.stats().generated()).isEqualTo(count + 1L);
    }

    @Test
    void batchCountOutsideItsRangeNamesTheValueAndTheLimit() {
        IdGenerator gen = builder().build();
        assertThatThrownBy(() -> gen.nextIds(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be 1..10000000: count=0");
        assertThatThrownBy(() -> gen.nextIds(10_000_001)).hasMessage("count must be 1..10000000: count=10000001");
        assertThat(gen.stats().generated()).isZero();
    }

    @Test
    void batchIntoACallersArrayMatchesTheAllocatingForm() {
        IdGenerator gen = builder().build();
        long[] into = new long[20];
        assertThat(gen.nextIds(into, 5, 10)).isEqualTo(9);
        assertThat(into[4]).isZero();
        assertThat(into[15]).isZero();
        for (int i = 6; i < 15; i++) {
            assertThat(into[i]).isEqualTo(into[i - 1] + 1);
        }
        assertThat(gen.nextIds(1).first()).isEqualTo(into[14] + 1);
        assertThatThrownBy(() -> gen.nextIds(into, 15, 10)).hasMessage("offset must be 0..10: offset=15");
        assertThatThrownBy(() -> gen.nextIds(into, 0, 0)).hasMessage("count must be 1..10000000: count=0");
    }

    @Test
    void workerOutsideTheLayoutIsRefused() {
        assertThatThrownBy(() -> builder().worker(32).build()).hasMessage("worker must be 0..31: worker=32");
        assertThatThrownBy(() -> builder().datacenter(-1).build()).hasMessage("datacenter must be 0..31: datacenter=-1");
    }

    @Test
    void borrowAheadIssuesFromFutureTicksUpToItsLead() {
        IdGenerator gen = builder().overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(5))).build();
        IdBatch batch = gen.nextIds(4096 * 6);
        assertThat(BitLayout.DEFAULT.decode(batch.last()).timestamp()).isEqualTo(Instant.ofEpochMilli(T + 5));
        GeneratorStats stats = gen.stats();
        assertThat(stats.borrowedTicks()).isEqualTo(5);
        assertThat(stats.leadMillis()).isEqualTo(5);
        assertThat(stats.rollbacks()).isZero();
        assertThat(stats.overflowWaits()).isZero();
        // The lead is used up: the next ID waits for the clock, which now moves on each read.
        clock.autoAdvanceMillisPerRead(1);
        assertThat(gen.nextId()).isGreaterThan(batch.last());
        assertThat(gen.stats().overflowWaits()).isEqualTo(1);
    }

    @Test
    void waitPolicyBlocksUntilTheClockCatchesUp() {
        IdGenerator gen = builder().build();
        long before = gen.nextId();
        clock.set(T - 500);
        clock.autoAdvanceMillisPerRead(1);
        long after = gen.nextId();
        assertThat(after).isGreaterThan(before);
        GeneratorStats stats = gen.stats();
        assertThat(stats.rollbacks()).isEqualTo(1);
        assertThat(stats.largestRollbackMillis()).isEqualTo(500);
        assertThat(stats.lastRollbackAtMillis()).isPositive();
    }

    @Test
    void waitPolicyRefusesAtOnceBeyondItsBoundAndRecovers() {
        IdGenerator gen = builder().build();
        long before = gen.nextId();
        clock.set(T - 1500);
        assertThatThrownBy(gen::nextId)
                .isInstanceOf(ClockMovedBackwardsException.class)
                .hasMessage("clock moved backwards: it reads 2025-12-31T23:59:58.500Z, 1500 ms behind the newest timestamp"
                        + " already issued (2026-01-01T00:00:00Z); policy wait(up to 1000 ms) will not issue until the"
                        + " clock passes it. Check NTP/chrony for a step adjustment, a VM pause or resume, or a manual"
                        + " clock change")
                .satisfies(e -> assertThat(((ClockMovedBackwardsException) e).behindMillis()).isEqualTo(1500));
        clock.set(T + 1);
        assertThat(gen.nextId()).isGreaterThan(before);
        assertThat(gen.stats().generated()).isEqualTo(2);
    }

    @Test
    void logicalOffsetKeepsIssuingAheadOfTheClockWithinItsLead() {
        IdGenerator gen = builder().rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(2))).build();
        long before = gen.nextId();
        clock.set(T - 1000);
        IdBatch batch = gen.nextIds(10_000);
        assertThat(batch.first()).isGreaterThan(before);
        for (int i = 1; i < batch.size(); i++) {
            assertThat(batch.get(i)).isGreaterThan(batch.get(i - 1));
        }
        // 4095 more IDs fit in T's tick, the rest borrow T+1 and T+2 while the clock stands at T-1000.
        assertThat(BitLayout.DEFAULT.decode(batch.last()).timestamp()).isEqualTo(Instant.ofEpochMilli(T + 2));
        GeneratorStats stats = gen.stats();
        assertThat(stats.rollbacks()).isEqualTo(1);
        assertThat(stats.leadMillis()).isEqualTo(1002);
        clock.set(T - 5000);
        assertThatThrownBy(gen::nextId).isInstanceOf(ClockMovedBackwardsException.class)
                .hasMessageContaining("5002 ms behind").hasMessageContaining("logical-offset(lead up to 2000 ms)");
    }

    @Test
    void failFastThrowsOnAnyRollback() {
        IdGenerator gen = builder().rollbackPolicy(ClockRollbackPolicy.failFast()).build();
        gen.nextId();
        clock.advance(-1);
        assertThatThrownBy(gen::nextId).isInstanceOf(ClockMovedBackwardsException.class)
                .hasMessageContaining("1 ms behind").hasMessageContaining("policy fail-fast");
    }

    @Test
    void clockBeforeTheEpochIsARollbackNotANegativeId() {
        clock.set(BitLayout.DEFAULT.epochMillis() - 10_000);
        IdGenerator gen = builder().build();
        assertThatThrownBy(gen::nextId).isInstanceOf(ClockMovedBackwardsException.class);
    }

    @Test
    void expiredLayoutIsRefusedAtBuildAndAtRuntime() {
        BitLayout shortLived = BitLayout.builder().name("short").timestampBits(36).sequenceBits(12)
                .epochMillis(T - 1000).build(T);
        clock.set(shortLived.endOfLifeMillis());
        assertThatThrownBy(() -> IdGenerator.builder(shortLived).timeSource(clock).build())
                .isInstanceOf(LayoutExpiredException.class)
                .hasMessageStartingWith("layout 'short' ended its life at ");
        clock.set(shortLived.endOfLifeMillis() - 1);
        IdGenerator gen = IdGenerator.builder(shortLived).timeSource(clock).build();
        assertThat(shortLived.decode(gen.nextId()).timestamp().toEpochMilli()).isEqualTo(shortLived.endOfLifeMillis() - 1);
        clock.advance(1);
        assertThatThrownBy(() -> gen.nextIds(5000)).isInstanceOf(LayoutExpiredException.class)
                .hasMessageContaining("is full: tick " + (1L << 36));
    }

    @Test
    void usedUpLastTickFailsAtOnceInsteadOfWaitingForATickThatCannotCome() {
        BitLayout shortLived = BitLayout.builder().name("short").timestampBits(36).sequenceBits(12)
                .epochMillis(T - 1000).build(T);
        clock.set(shortLived.endOfLifeMillis() - 1);
        IdGenerator gen = IdGenerator.builder(shortLived).timeSource(clock).build();
        // The clock is frozen in the last tick: 4096 IDs fit, the 4097th cannot exist.
        assertThatThrownBy(() -> gen.nextIds(4097)).isInstanceOf(LayoutExpiredException.class);
        assertThat(gen.stats().generated()).isEqualTo(4096);
    }

    @Test
    void sonyflakeStepsTheSequenceAboveTheMachineBits() {
        BitLayout sony = BitLayout.preset("sonyflake");
        IdBatch batch = IdGenerator.builder(sony).worker(7).timeSource(clock).build().nextIds(3);
        assertThat(batch.get(1) - batch.get(0)).isEqualTo(1L << 16);
        assertThat(sony.decode(batch.get(2)).sequence()).isEqualTo(2);
        assertThat(sony.decode(batch.get(2)).worker()).isEqualTo(7);
    }

    @Test
    void statsReportLifetimeAndCapacity() {
        IdGenerator gen = builder().build();
        gen.nextIds(100);
        GeneratorStats stats = gen.stats();
        assertThat(stats.generated()).isEqualTo(100);
        assertThat(stats.sequenceCapacity()).isEqualTo(4096);
        assertThat(stats.lifetimeUsed()).isEqualTo(BitLayout.DEFAULT.lifetimeUsed(T));
        assertThat(stats.highWaterMarkMillis()).isEqualTo(-1);
        assertThat(stats.leadMillis()).isZero();
    }

    /**
     * Review finding 2026-11-30 #3: at the lead limit a caller waited for the tick after the newest issued
     * one, lead + 1 clock ticks, although the limit allows the next tick once the clock moved one.
     */
    @Test
    void atTheBorrowLimitACallerWaitsForOneClockTickNotTheWholeLead() throws Exception {
        CountingClock counting = new CountingClock(clock);
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(counting)
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(5))).build();
        gen.nextIds(4096 * 6); // ticks T .. T+5: the lead is at its 5 ms limit
        java.util.concurrent.CompletableFuture<Long> next = java.util.concurrent.CompletableFuture.supplyAsync(gen::nextId);
        long readsBefore = counting.reads.get();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counting.reads.get() - readsBefore < 10_000) { // the caller is waiting on the clock
            assertThat(System.nanoTime()).as("the caller never waited").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(next).isNotDone();
        clock.advance(1);
        long id = next.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(BitLayout.DEFAULT.decode(id).timestamp().toEpochMilli()).isEqualTo(T + 6);
    }

    /** Counts reads, so a test can see a caller waiting on the clock without sleeping. */
    static final class CountingClock implements TimeSource {
        final TimeSource source;
        final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();

        CountingClock(TimeSource source) {
            this.source = source;
        }

        @Override
        public long currentTimeMillis() {
            reads.incrementAndGet();
            return source.currentTimeMillis();
        }
    }
}
