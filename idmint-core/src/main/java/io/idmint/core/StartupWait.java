package io.idmint.core;

import java.time.Duration;
import java.time.Instant;

/** Waits at start until the clock is past an earlier incarnation's high-water mark, within a bound. */
final class StartupWait {
    private StartupWait() {}

    static void untilPast(TimeSource time, HighWaterMark mark, Duration maxWait, String location) {
        long behind = mark.reservedUntilMillis() + 1 - time.currentTimeMillis();
        if (behind <= 0) {
            return;
        }
        if (behind > maxWait.toMillis()) {
            throw new ClockBehindHighWaterMarkException("clock reads " + Instant.ofEpochMilli(time.currentTimeMillis())
                    + " but an earlier run of this worker may have issued IDs up to "
                    + Instant.ofEpochMilli(mark.reservedUntilMillis()) + " (mark in " + location + ", written "
                    + Instant.ofEpochMilli(mark.writtenAtMillis()) + "): the clock is " + behind
                    + " ms behind, more than maxStartupWait " + maxWait.toMillis()
                    + " ms. Check NTP/chrony and the host clock; start again once it has caught up");
        }
        Waiting.untilMillis(time, mark.reservedUntilMillis() + 1, maxWait.toNanos());
        if (time.currentTimeMillis() <= mark.reservedUntilMillis()) {
            throw new ClockBehindHighWaterMarkException("clock did not pass the high-water mark "
                    + Instant.ofEpochMilli(mark.reservedUntilMillis()) + " (" + location + ") within maxStartupWait "
                    + maxWait.toMillis() + " ms: it may have moved backwards while waiting");
        }
    }
}
