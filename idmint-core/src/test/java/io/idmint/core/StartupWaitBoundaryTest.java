package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Starting after an earlier incarnation's mark, at the bounds: a clock exactly at the mark + 1 starts at
 * once, a clock exactly maxStartupWait behind waits, a clock that stops exactly on the mark is refused;
 * and the builder's own rules (a mark exactly as old as the ignore age still counts, a builder with no
 * store or lease may build again, one with either may not).
 */
class StartupWaitBoundaryTest {
    static final long T = SnowflakeGeneratorTest.T;
    private static final long MARK = T + 10_000;
    private final ManualTimeSource clock = new ManualTimeSource(T);

    @Test
    void aClockThatHasReachedTheMarkStartsWithoutWaitingOnLaterReads() {
        AtomicInteger reads = new AtomicInteger();
        // The first read is just past the mark; any later read would find the clock stepped back far behind it.
        TimeSource steppingBack = () -> reads.getAndIncrement() == 0 ? MARK + 1 : MARK - 500;
        StartupWait.untilPast(steppingBack, new HighWaterMark(MARK, T), Duration.ofMillis(50), "test");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aClockBehindByExactlyTheMaximumWaitWaits() {
        clock.set(MARK + 1 - 100);
        clock.autoAdvanceMillisPerRead(1);
        StartupWait.untilPast(clock, new HighWaterMark(MARK, T), Duration.ofMillis(100), "test");
        assertThat(clock.peek()).isGreaterThan(MARK);
    }

    @Test
    void aClockBehindByOneMoreThanTheMaximumWaitIsRefusedAtOnce() {
        clock.set(MARK - 100);
        assertThatThrownBy(() -> StartupWait.untilPast(clock, new HighWaterMark(MARK, T), Duration.ofMillis(100), "test"))
                .isInstanceOf(ClockBehindHighWaterMarkException.class)
                .hasMessageContaining("the clock is 101 ms behind, more than maxStartupWait 100 ms");
    }

    @Test
    void aClockThatStopsExactlyOnTheMarkIsRefused() {
        CatchUpClock stopsOnTheMark = new CatchUpClock(MARK - 10, MARK);
        assertThatThrownBy(() -> StartupWait.untilPast(stopsOnTheMark, new HighWaterMark(MARK, T), Duration.ofMillis(50), "test"))
                .isInstanceOf(ClockBehindHighWaterMarkException.class)
                .hasMessageContaining("clock did not pass the high-water mark").hasMessageContaining("(test)");
    }

    @Test
    void aMarkExactlyAsOldAsTheIgnoreAgeStillCounts() {
        AtomicReference<HighWaterMark> disk = new AtomicReference<>(new HighWaterMark(MARK, T - 3_600_000));
        IdGeneratorBuilder b = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(disk)).ignoreMarksOlderThan(Duration.ofHours(1));
        assertThatThrownBy(b::build).isInstanceOf(ClockBehindHighWaterMarkException.class);
        disk.set(new HighWaterMark(MARK, T - 3_600_001));
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(disk)).ignoreMarksOlderThan(Duration.ofHours(1)).build();
        assertThat(BitLayout.DEFAULT.decode(gen.nextId()).timestamp().toEpochMilli()).isEqualTo(T);
    }

    @Test
    void theReservationWindowSetsHowFarTheMarkReaches() {
        AtomicReference<HighWaterMark> disk = new AtomicReference<>();
        IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).highWaterMark(new MemoryHighWaterMarkStore(disk))
                .reservationWindow(Duration.ofMillis(200)).build();
        assertThat(disk.get().reservedUntilMillis()).isEqualTo(T + 200);
    }

    @Test
    void aBuilderWithoutStoreOrLeaseBuildsAgain() {
        IdGeneratorBuilder b = IdGenerator.builder(BitLayout.DEFAULT).worker(4).timeSource(clock);
        IdGenerator first = b.build();
        IdGenerator second = b.build();
        assertThat(second).isNotSameAs(first);
        assertThat(second.worker()).isEqualTo(4);
    }

    @Test
    void aBuilderWhoseStoreWentToABuildRefusesAnother() {
        IdGeneratorBuilder b = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(new AtomicReference<>()));
        b.build();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("went to an earlier build()");
    }

    @Test
    void aBuilderWhoseLeaseWentToABuildRefusesAnother() {
        IdGeneratorBuilder b = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .lease(new LeasedGeneratorTest.TestLease(T + 10_000));
        b.build();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("went to an earlier build()");
    }
}
