package io.idmint.core;

import java.time.Duration;

/**
 * A high-water guard in Unix milliseconds, for the schemes whose timestamps are not a layout's ticks
 * (UUIDv7, the 128-bit layout): the same reservation ahead of the clock, restart floor and exact mark at
 * close as a Snowflake generator's.
 */
final class UnixMillisGuard {
    /** Ticks of 1 ms from the Unix epoch; wide enough for any clock this code will meet (until 2527). */
    static final BitLayout UNIX_MILLIS = BitLayout.builder().name("unix-millis").epochMillis(0).timestampBits(44)
            .sequenceBits(19).build();

    private UnixMillisGuard() {}

    /** Waits up to {@code maxStartupWait} for the clock to pass {@code store}'s mark, then reserves ahead of it. */
    static HighWaterGuard start(HighWaterMarkStore store, TimeSource time, Duration maxStartupWait) {
        try {
            return HighWaterGuard.start(store, store.load(), UNIX_MILLIS, time, maxStartupWait, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
