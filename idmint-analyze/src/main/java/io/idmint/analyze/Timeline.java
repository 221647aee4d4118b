package io.idmint.analyze;

/**
 * IDs per time bucket in constant memory: {@value #BUCKETS} buckets whose width doubles (merging neighbours)
 * whenever a timestamp falls outside them, so the histogram covers the stream's whole time span whatever order
 * the timestamps come in.
 */
final class Timeline {
    static final int BUCKETS = 240;
    private final long[] counts = new long[BUCKETS];
    private long start;
    private long width = 1;
    private boolean empty = true;

    void add(long millis) {
        if (empty) {
            start = millis;
            empty = false;
        }
        while (millis < start || millis - start >= width * BUCKETS) {
            widen(millis < start);
        }
        counts[(int) ((millis - start) / width)]++;
    }

    /** Doubles the width; to the left, by moving the start back one span, so each old bucket falls into one new one. */
    private void widen(boolean left) {
        long shift = left ? BUCKETS : 0; // in old widths
        long[] old = counts.clone();
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < BUCKETS; i++) {
            counts[(int) ((i + shift) / 2)] += old[i];
        }
        start -= shift * width;
        width *= 2;
    }

    boolean isEmpty() {
        return empty;
    }

    /** The buckets from the first to the last one holding an ID: where they start, how wide they are, the counts. */
    Buckets trimmed() {
        int first = 0;
        int last = BUCKETS - 1;
        while (first < last && counts[first] == 0) {
            first++;
        }
        while (last > first && counts[last] == 0) {
            last--;
        }
        long[] out = new long[last - first + 1];
        System.arraycopy(counts, first, out, 0, out.length);
        return new Buckets(start + first * width, width, out);
    }

    record Buckets(long startMillis, long widthMillis, long[] counts) {}
}
