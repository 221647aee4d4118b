package io.idmint.segment;

import io.idmint.core.InvalidRequestException;
import java.time.Duration;

/** Argument checks whose messages name the value and the limit, e.g. {@code step must be 1..10000000: step=0}. */
final class Checks {
    private Checks() {}

    static int range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidRequestException(name + " must be " + min + ".." + max + ": " + name + "=" + value);
        }
        return (int) value;
    }

    static long rangeLong(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidRequestException(name + " must be " + min + ".." + max + ": " + name + "=" + value);
        }
        return value;
    }

    static Duration positive(String name, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new InvalidRequestException(name + " must be more than 0 and at most " + max + ": " + name + "=" + value);
        }
        return value;
    }

    /** A fraction strictly between 0 and 1. */
    static double ratio(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidRequestException(name + " must be in (0, 1), exclusive: " + name + "=" + value);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new InvalidRequestException(name + " is required");
        }
        return value;
    }

    static String description(String description) {
        String d = description == null ? "" : description;
        if (d.length() > SegmentStore.MAX_DESCRIPTION) {
            throw new InvalidRequestException("description must be at most " + SegmentStore.MAX_DESCRIPTION
                    + " characters: length=" + d.length());
        }
        return d;
    }

    /** Stride and remainder of a store: {@code 1 <= stride <= MAX_STRIDE}, {@code 0 <= remainder < stride}. */
    static void stride(int stride, int remainder) {
        range("stride", stride, 1, SegmentStore.MAX_STRIDE);
        range("remainder", remainder, 0, stride - 1L);
    }

    /** The smallest value {@code >= value} that is {@code ≡ remainder (mod stride)}; {@code value >= 0}. */
    static long alignUp(long value, int stride, int remainder) {
        long v = Math.max(0, value);
        long offset = Math.floorMod(remainder - v, (long) stride);
        return Math.addExact(v, offset);
    }
}
