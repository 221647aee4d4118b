package io.idmint.core;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Awaitility as these tests wait: the condition re-checked every millisecond from the start, at most 30 s.
 * Uncaught exceptions of other threads are not the waiting test's: some tests kill a refresher thread
 * with an Error on purpose, which Awaitility would otherwise report to whichever await runs then.
 */
final class Eventually {
    private Eventually() {}

    static void until(String what, BooleanSupplier condition) {
        await(what).dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(condition::getAsBoolean);
    }
}
