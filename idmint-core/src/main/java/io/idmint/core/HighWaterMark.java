package io.idmint.core;

import java.time.Instant;

/**
 * What a worker may already have issued: no ID of that worker carries a timestamp later than
 * {@code reservedUntilMillis}, so a new incarnation must start after it.
 *
 * @param reservedUntilMillis the last millisecond an earlier incarnation may have used
 * @param writtenAtMillis wall time of the write, to tell how old the mark is
 */
public record HighWaterMark(long reservedUntilMillis, long writtenAtMillis) {
    @Override
    public String toString() {
        return "reserved until " + Instant.ofEpochMilli(reservedUntilMillis) + " (written " + Instant.ofEpochMilli(writtenAtMillis) + ")";
    }
}
