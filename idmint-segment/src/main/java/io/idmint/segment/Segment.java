package io.idmint.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One segment taken from a store: the IDs {@code first, first + stride, ..., first + (size - 1) * stride},
 * below {@code end} (the store's next value right after the take). They are handed out in order by a
 * compare-and-set on {@code used}, the index of the first ID not yet claimed: every index is claimed by
 * exactly one successful compare-and-set, which is what keeps IDs unique across threads.
 */
final class Segment {
    private static final VarHandle USED;

    static {
        try {
            USED = MethodHandles.lookup().findVarHandle(Segment.class, "used", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What a generator holds before its first segment: empty, ending at 0, from no store. */
    static final Segment NONE = new Segment(0, 0, 1, -1, 0.5);

    final long first;
    final int size;
    final int stride;
    /** Index of the store it came from in the generator's list; -1 for {@link #NONE}. */
    final int store;
    final long end;
    /** When this many are used, the next segment is fetched. */
    final int refillAt;
    /** Ticker time at which it became the current segment; written before it is published as current, read by the step policy. */
    volatile long activatedNanos;
    @SuppressWarnings("unused") // accessed through USED
    private volatile int used;

    Segment(long first, int size, int stride, int store, double refillAtUsedRatio) {
        this.first = first;
        this.size = size;
        this.stride = stride;
        this.store = store;
        this.end = first + (long) size * stride;
        this.refillAt = Math.max(1, Math.min(size, (int) Math.ceil(size * refillAtUsedRatio)));
    }

    /** The segment below a store's new next value {@code end}: {@code step} values, {@code stride} apart. */
    static Segment below(long end, int step, int stride, int store, double refillAtUsedRatio) {
        return new Segment(end - (long) step * stride, step, stride, store, refillAtUsedRatio);
    }

    long idAt(int index) {
        return first + (long) index * stride;
    }

    int used() {
        return (int) USED.getVolatile(this);
    }

    int remaining() {
        return size - used();
    }

    boolean needsRefill() {
        return used() >= refillAt;
    }

    /**
     * Claims up to {@code max} IDs with one compare-and-set and writes them, ascending, from {@code into[offset]}.
     *
     * @return how many were claimed: 0 when the segment is used up
     */
    int fill(long[] into, int offset, int max) {
        for (;;) {
            int k = used();
            if (k >= size) {
                return 0;
            }
            int n = Math.min(max, size - k);
            if (USED.compareAndSet(this, k, k + n)) {
                write(into, offset, k, n);
                return n;
            }
        }
    }

    /** Claims exactly {@code count} IDs, or none when fewer remain. */
    boolean fillExactly(long[] into, int offset, int count) {
        for (;;) {
            int k = used();
            if (size - k < count) {
                return false;
            }
            if (USED.compareAndSet(this, k, k + count)) {
                write(into, offset, k, count);
                return true;
            }
        }
    }

    /** Claims every ID left, so that nobody else can issue them; returns the index of the first (size when none). */
    int claimRest() {
        return Math.min(size, (int) USED.getAndSet(this, size));
    }

    /** Claims every ID left and writes them from {@code into[offset]}; returns how many. */
    int fillRest(long[] into, int offset) {
        int from = claimRest();
        write(into, offset, from, size - from);
        return size - from;
    }

    private void write(long[] into, int offset, int from, int n) {
        long id = idAt(from);
        for (int i = 0; i < n; i++) {
            into[offset + i] = id;
            id += stride;
        }
    }

    /** The last ID of the segment. */
    long last() {
        return end - stride;
    }

    @Override
    public String toString() {
        return store < 0 ? "Segment[none]" : "Segment[" + first + ".." + last() + " step " + stride + ", used " + used() + "/" + size
                + ", store " + store + "]";
    }
}
