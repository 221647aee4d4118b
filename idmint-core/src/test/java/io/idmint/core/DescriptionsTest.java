package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What clocks and marks print: these strings reach log lines, error messages and the generator's own
 * description, so an operator can tell which clock a generator reads and what a mark promises.
 */
class DescriptionsTest {
    static final long T = SnowflakeGeneratorTest.T;

    @Test
    void clocksNameThemselves() {
        assertThat(new ManualTimeSource(T)).hasToString("manual(" + T + ")");
        assertThat(TimeSource.system()).hasToString("system");
        assertThat(new MonotonicTimeSource(T, 0)).hasToString("monotonic(anchored at " + T + ")");
    }

    @Test
    void aMarkSaysUntilWhenItReservesAndWhenItWasWritten() {
        assertThat(new HighWaterMark(T + 1000, T))
                .hasToString("reserved until 2026-01-01T00:00:01Z (written 2026-01-01T00:00:00Z)");
    }

    @Test
    void aCachedClockNamesItsSourceAndInterval() {
        ManualTimeSource source = new ManualTimeSource(T);
        try (CachedTimeSource cached = CachedTimeSource.start(source, Duration.ofMillis(1))) {
            assertThat(cached.refreshInterval()).isEqualTo(Duration.ofMillis(1));
            assertThat(cached).hasToString("cached(manual(" + T + "), every 1000 µs)");
        }
    }

    @Test
    void aCachedClocksLargestRefreshGapIsAtMostTheTimeItRan() {
        ManualTimeSource source = new ManualTimeSource(T);
        long started = System.nanoTime();
        CachedTimeSource cached = CachedTimeSource.start(source, Duration.ofMillis(1));
        source.set(T + 5);
        Eventually.until("a refresh", () -> cached.currentTimeMillis() == T + 5);
        source.set(T + 9);
        Eventually.until("another refresh", () -> cached.currentTimeMillis() == T + 9);
        cached.close();
        long ran = System.nanoTime() - started;
        assertThat(cached.maxRefreshGapNanos()).isPositive().isLessThanOrEqualTo(ran);
    }
}
