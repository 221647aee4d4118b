package io.idmint.core;

/** Argument checks whose messages name the value and the limit, e.g. {@code count must be 1..100000: count=0}. */
final class Preconditions {
    private Preconditions() {}

    static long checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + name + "=" + value);
        }
        return value;
    }

    static int checkRange(String name, int value, int min, int max) {
        return (int) checkRange(name, (long) value, min, max);
    }

    static <T> T checkNotNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }
}
