package io.idmint.segment;

import io.idmint.core.FailureKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A generator's stores and what it knows of each. Fetches rotate over them (so every store keeps proving it
 * works and all counters stay close); a store that just failed goes to the end of the order for
 * {@link #PROBE_AFTER_NANOS}, and a fetch goes on to the next store when one fails or times out: one store
 * down costs capacity, not availability.
 */
final class StoreSet {
    /** How long a failed store is tried only after the others. */
    static final long PROBE_AFTER_NANOS = 2_000_000_000L;

    private final List<SegmentStore> stores;
    private final Health[] health;
    private final AtomicInteger rotation = new AtomicInteger();
    private volatile long lastFetchNanos = -1;

    StoreSet(List<SegmentStore> stores) {
        this.stores = List.copyOf(stores);
        this.health = new Health[stores.size()];
        for (int i = 0; i < health.length; i++) {
            health[i] = new Health();
        }
    }

    int size() {
        return stores.size();
    }

    SegmentStore get(int index) {
        return stores.get(index);
    }

    /** The shared stride (the builder checked that all stores have the same). */
    int stride() {
        return stores.get(0).stride();
    }

    /**
     * Takes a segment lying at or above {@code floor} from the first store that gives one.
     *
     * @throws SegmentException naming every store tried and its failure; PERMANENT only when every store refused
     */
    Segment take(String bizTag, int step, long floor, double refillAtUsedRatio) {
        List<String> failures = new ArrayList<>();
        boolean allRefused = true;
        SegmentException last = null;
        for (int i : order(System.nanoTime())) {
            SegmentStore s = stores.get(i);
            long started = System.nanoTime();
            try {
                long end = s.take(bizTag, step, floor);
                Segment seg = Segment.below(end, step, s.stride(), i, refillAtUsedRatio);
                checkAboveFloor(bizTag, s, seg, floor);
                lastFetchNanos = System.nanoTime() - started;
                health[i].succeeded(true);
                return seg;
            } catch (SegmentException e) {
                health[i].failed(e.getMessage());
                failures.add(e.getMessage());
                allRefused &= e.kind() == FailureKind.PERMANENT;
                last = e;
            } catch (ArithmeticException e) {
                last = usedUp(bizTag, i, floor, e);
                failures.add(last.getMessage());
            } catch (RuntimeException e) {
                String m = "biz tag '" + bizTag + "' on segment store " + s.location() + " failed: " + e;
                health[i].failed(m);
                failures.add(m);
                allRefused = false;
                last = SegmentException.unavailable(m, e);
            }
        }
        if (failures.size() == 1) {
            throw last;
        }
        String message = "no segment for biz tag '" + bizTag + "' from any of " + failures.size() + " stores: "
                + String.join("; ", failures);
        throw allRefused ? SegmentException.refused(message, last) : SegmentException.unavailable(message, last);
    }

    /** The floor aligned to store {@code i}'s residue passes Long.MAX_VALUE: that store has no value left above it. */
    private SegmentException usedUp(String bizTag, int i, long floor, ArithmeticException e) {
        health[i].succeeded(false);
        return SegmentException.refused("biz tag '" + bizTag + "' on segment store " + stores.get(i).location()
                + " has no value left above " + floor + " (the 63-bit range is used up)", e);
    }

    /** A store answering below the floor or off its remainder would break ordering or uniqueness: never use that. */
    private static void checkAboveFloor(String bizTag, SegmentStore s, Segment seg, long floor) {
        if (seg.first < Checks.alignUp(floor, s.stride(), s.remainder()) || Math.floorMod(seg.first, (long) s.stride()) != s.remainder()) {
            throw SegmentException.refused("biz tag '" + bizTag + "' on segment store " + s.location() + " answered a segment ("
                    + seg.first + "..) below the floor " + floor + " or off its remainder " + s.remainder() + " mod "
                    + s.stride() + "; not used", null);
        }
    }

    /** Stores in rotation order, those that failed within {@link #PROBE_AFTER_NANOS} last. */
    private List<Integer> order(long now) {
        int n = stores.size();
        int start = Math.floorMod(rotation.getAndIncrement(), n);
        List<Integer> healthy = new ArrayList<>(n);
        List<Integer> failing = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int i = (start + j) % n;
            (health[i].recentlyFailed(now) ? failing : healthy).add(i);
        }
        healthy.addAll(failing);
        return healthy;
    }

    void recordFailure(int index, String message) {
        health[index].failed(message);
    }

    void recordSuccess(int index) {
        health[index].succeeded(false);
    }

    /** Giving back is best effort: a failure only loses the rest, so it is logged and counted, never thrown. */
    boolean giveBack(String bizTag, Segment seg, long restoredNext) {
        SegmentStore s = stores.get(seg.store);
        try {
            boolean done = s.giveBack(bizTag, seg.end, restoredNext);
            health[seg.store].succeeded(false);
            return done;
        } catch (RuntimeException e) {
            health[seg.store].failed(e.getMessage());
            return false;
        }
    }

    long fetches() {
        long sum = 0;
        for (Health h : health) {
            sum += h.fetches.sum();
        }
        return sum;
    }

    long failures() {
        long sum = 0;
        for (Health h : health) {
            sum += h.failures.sum();
        }
        return sum;
    }

    /** The last successful fetch's latency, in seconds; NaN before the first. */
    double lastFetchSeconds() {
        long nanos = lastFetchNanos;
        return nanos < 0 ? Double.NaN : nanos / 1e9;
    }

    List<Map<String, Object>> details() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            SegmentStore s = stores.get(i);
            Health h = health[i];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("location", s.location());
            m.put("stride", s.stride());
            m.put("remainder", s.remainder());
            m.put("reachable", h.reachable().map(Object::toString).orElse("unknown"));
            m.put("fetches", h.fetches.sum());
            m.put("failures", h.failures.sum());
            m.put("last_error", h.lastError);
            all.add(m);
        }
        return all;
    }

    void close() {
        for (SegmentStore s : stores) {
            s.close();
        }
    }

    /** What one store's last operations said. */
    private static final class Health {
        final LongAdder fetches = new LongAdder();
        final LongAdder failures = new LongAdder();
        volatile long lastFailedAt;
        volatile boolean seen;
        volatile boolean lastOk;
        volatile String lastError;

        /** @param fetch whether it was a segment taken (counted), or a probe or give-back (only proving reachability) */
        void succeeded(boolean fetch) {
            if (fetch) {
                fetches.increment();
            }
            lastOk = true;
            seen = true;
        }

        void failed(String message) {
            failures.increment();
            lastFailedAt = System.nanoTime();
            lastError = message;
            lastOk = false;
            seen = true;
        }

        boolean recentlyFailed(long now) {
            return seen && !lastOk && now - lastFailedAt < PROBE_AFTER_NANOS;
        }

        Optional<Boolean> reachable() {
            return seen ? Optional.of(lastOk) : Optional.empty();
        }
    }
}
