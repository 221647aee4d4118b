package io.idmint.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One segment taken from a store: the IDs {@code first, first + stride, ..., first + (size - 1) * stride},
 * below {@code end} (the store's next value right after the take). They are handed out in order by an
 * atomic add on {@code used}, the index of the first ID not yet claimed: each add claims the indexes
 * {@code [old, old + n)} for itself alone, which is what keeps IDs unique across threads, with one atomic
 * instruction per batch and no retry loop under contention. {@code used} may pass {@code size}: a claim that
 * starts at or past it takes nothing, and one that straddles it takes only what was left.
 */
final class Segment {
    private static final VarHandle USED;

    static {
        try {
            USED = MethodHandles.lookup().findVarHandle(Segment.class, "used", long.class);
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
    private volatile long used;
    /** IDs claimed by a {@link #fillExactly} that found too few left: skipped, never issued. */
    private final AtomicLong skipped = new AtomicLong();

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

    /** IDs claimed so far, at most {@code size}. */
    int used() {
        return (int) Math.min(size, (long) USED.getVolatile(this));
    }

    /** IDs handed out so far: claimed and not skipped. */
    long issued() {
        return used() - skipped.get();
    }

    int remaining() {
        return size - used();
    }

    boolean needsRefill() {
        return used() >= refillAt;
    }

    /**
     * Claims up to {@code max} IDs with one atomic add and writes them, ascending, from {@code into[offset]}.
     *
     * @return how many were claimed: 0 when the segment is used up
     */
    int fill(long[] into, int offset, int max) {
        // No read before the add: under contention the read fetches the line shared and the add must then take
        // it exclusive, a second transfer per ID. A thread retrying on a used-up segment pushes the counter
        // past size by one claim per try, between waits for the next segment: a long does not overflow.
        long k = (long) USED.getAndAdd(this, (long) max);
        if (k >= size) {
            return 0;
        }
        int n = (int) Math.min(max, size - k);
        write(into, offset, (int) k, n);
        return n;
    }

    /**
     * Claims exactly {@code count} IDs and writes them, or returns false. A claim that finds fewer left than
     * {@code count} has taken them nonetheless: they are skipped, never issued (the price of one atomic add
     * instead of a compare-and-set loop; it happens at most once per thread and segment).
     */
    boolean fillExactly(long[] into, int offset, int count) {
        // Read first, unlike fill: a claim that cannot be met would skip what is left, which a batch spanning
        // into the next segment takes instead.
        if (size - (long) USED.getVolatile(this) < count) {
            return false;
        }
        long k = (long) USED.getAndAdd(this, (long) count);
        if (k + count > size) {
            if (k < size) {
                skipped.addAndGet(size - k);
            }
            return false;
        }
        write(into, offset, (int) k, count);
        return true;
    }

    /** Claims every ID left, so that nobody else can issue them; returns the index of the first (size when none). */
    int claimRest() {
        return (int) Math.min(size, (long) USED.getAndSet(this, (long) size));
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
