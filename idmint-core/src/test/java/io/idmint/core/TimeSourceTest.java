package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeSourceTest {
    @Test
    void monotonicClockAdvancesFromItsAnchorByElapsedNanos() {
        long anchorNanos = System.nanoTime() - 5_000_000_000L;
        TimeSource clock = new MonotonicTimeSource(1_000_000L, anchorNanos);
        long read = clock.currentTimeMillis();
        long elapsedMillis = (System.nanoTime() - anchorNanos) / 1_000_000L;
        // The wall clock plays no part after the anchor: only nanoTime's elapsed time moves it.
        assertThat(read).isBetween(1_000_000L + 5_000, 1_000_000L + elapsedMillis);
        long later = clock.currentTimeMillis();
        assertThat(later).isGreaterThanOrEqualTo(read);
    }

    @Test
    void monotonicClockStartsAtTheWallClock() {
        long before = System.currentTimeMillis();
        long read = TimeSource.monotonic().currentTimeMillis();
        assertThat(read).isBetween(before, System.currentTimeMillis() + 1);
    }

    @Test
    void manualClockAutoAdvancesPerRead() {
        ManualTimeSource clock = new ManualTimeSource(100).autoAdvanceMillisPerRead(2);
        assertThat(clock.currentTimeMillis()).isEqualTo(100);
        assertThat(clock.currentTimeMillis()).isEqualTo(102);
        assertThat(clock.peek()).isEqualTo(104);
        assertThatThrownBy(() -> clock.autoAdvanceMillisPerRead(-1)).hasMessage("step must be 0..9223372036854775807: step=-1");
    }

    @Test
    void cachedClockFollowsItsSourceAndRefusesATooShortInterval() {
        ManualTimeSource source = new ManualTimeSource(5_000);
        try (CachedTimeSource cached = CachedTimeSource.start(source, Duration.ofMillis(1))) {
            assertThat(cached.currentTimeMillis()).isEqualTo(5_000);
            source.set(4_000);
            // The cache follows the source, backwards too, so the generator's rollback policy sees it.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (cached.currentTimeMillis() != 4_000 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(cached.currentTimeMillis()).isEqualTo(4_000);
        }
        assertThatThrownBy(() -> CachedTimeSource.start(source, Duration.ofNanos(1_000)))
                .hasMessage("refreshInterval in µs must be 50..1000000: refreshInterval in µs=1");
    }

    /**
     * Review finding 2026-11-30 #7: an Error from the source killed the refresher silently, and the cached
     * time froze: every generator on it would stall at its next tick.
     */
    @Test
    void aRefresherKilledByAnErrorHandsReadsToTheSourceInsteadOfFreezing() {
        ManualTimeSource manual = new ManualTimeSource(1_800_000_000_000L);
        java.util.concurrent.atomic.AtomicBoolean explode = new java.util.concurrent.atomic.AtomicBoolean();
        TimeSource source = () -> {
            if (explode.get()) {
                explode.set(false);
                throw new StackOverflowError("simulated");
            }
            return manual.currentTimeMillis();
        };
        try (CachedTimeSource cached = CachedTimeSource.start(source)) {
            explode.set(true);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> cached.refresherFailure().isPresent());
            manual.advance(100);
            assertThat(cached.currentTimeMillis()).isEqualTo(1_800_000_000_100L);
            assertThat(cached.refresherFailure().get()).isInstanceOf(StackOverflowError.class);
        }
    }
}
