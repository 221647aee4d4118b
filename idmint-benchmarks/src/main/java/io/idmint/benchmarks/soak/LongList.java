package io.idmint.benchmarks.soak;

import java.util.Arrays;

/**
 * A growable array of primitive longs: a 10-minute soak keeps several million IDs for the uniqueness
 * check, and boxed {@code Long}s would cost four times the memory and put the generator's GC in the
 * measurement. Not thread-safe: each writer (one HTTP connection, or the gRPC load under its own lock)
 * owns its list.
 */
final class LongList {
    private long[] values;
    private int size;

    LongList(int initialCapacity) {
        values = new long[Math.max(16, initialCapacity)];
    }

    void add(long value) {
        if (size == values.length) {
            // grows by half, not double: a presized list that overflows a little should not double its memory
            values = Arrays.copyOf(values, Math.addExact(size, Math.max(16, size >> 1)));
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** Copies the values to {@code target} from {@code offset}; returns the offset after them. */
    int copyTo(long[] target, int offset) {
        System.arraycopy(values, 0, target, offset, size);
        return offset + size;
    }
}
