package io.idmint.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one text form of an instant every face prints: ISO-8601 UTC with exactly three fraction digits
 * ({@code 2024-05-01T12:00:00.000Z}), so timestamps line up and sort as text. {@link Instant#toString()}
 * drops the fraction when it is zero.
 */
public final class IsoTimestamps {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoTimestamps() {}

    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
