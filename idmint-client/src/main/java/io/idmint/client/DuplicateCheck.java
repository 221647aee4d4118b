package io.idmint.client;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The client's optional duplicate check ({@link IdClient.Builder#checkDuplicates}): each fetched batch is
 * compared with itself and with the last {@code window} batches. An ID seen again is a collision: it is
 * counted, reported to the listener and logged, and dropped from the batch, so this client never hands it
 * out twice. Costs one sort per batch and a merge with each remembered batch whose range overlaps (IDs of
 * one server grow with time, so most do not); memory is {@code window} batches. Called from one thread at a
 * time (the pool's refill thread).
 */
final class DuplicateCheck implements BatchSource {
    private static final System.Logger LOG = System.getLogger(IdClient.class.getName());

    private final BatchSource source;
    private final int window;
    private final LongConsumer onCollisions;
    /** The remembered batches, each sorted, oldest first. */
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    private final AtomicLong collisions = new AtomicLong();

    DuplicateCheck(BatchSource source, int window, LongConsumer onCollisions) {
        this.source = source;
        this.window = window;
        this.onCollisions = onCollisions;
    }

    @Override
    public long[] fetch() {
        return check(source.fetch());
    }

    /** {@code ids} without the IDs seen before (in it or in the remembered batches), in their order. */
    long[] check(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        long[] seen = new long[sorted.length]; // IDs to drop: each duplicated value once
        int dropped = 0;
        long found = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                found++;
                if (dropped == 0 || seen[dropped - 1] != sorted[i]) {
                    seen[dropped++] = sorted[i];
                }
            }
        }
        long[] unique = distinct(sorted);
        long[] earlier = new long[unique.length];
        int again = 0;
        for (long[] r : recent) {
            if (unique.length > 0 && r.length > 0 && r[0] <= unique[unique.length - 1] && unique[0] <= r[r.length - 1]) {
                again = intersect(unique, r, earlier, again);
            }
        }
        found += again;
        if (found == 0) {
            remember(unique);
            return ids;
        }
        long total = collisions.addAndGet(found);
        long[] repeated = Arrays.copyOf(seen, dropped);
        long[] before = Arrays.copyOf(earlier, again);
        LOG.log(System.Logger.Level.ERROR, "duplicate check: " + found + " ID(s) of a batch from " + source.describe()
                + " were issued before (" + total + " over this client's life): "
                + preview(before.length > 0 ? before : repeated) + "; they are not handed out again",
                Map.entry("collisions", found), Map.entry("collisions_detected_total", total));
        onCollisions.accept(found);
        long[] kept = withoutRepeats(ids, before);
        remember(distinct(sortedCopy(kept)));
        if (kept.length == 0) {
            throw new IllegalStateException("every ID of a batch from " + source.describe() + " had been issued before");
        }
        return kept;
    }

    long collisions() {
        return collisions.get();
    }

    private void remember(long[] sortedUnique) {
        recent.addLast(sortedUnique);
        while (recent.size() > window) {
            recent.removeFirst();
        }
    }

    /** Appends to {@code out} from {@code at} the values both sorted arrays hold; returns the new end. */
    private static int intersect(long[] a, long[] b, long[] out, int at) {
        int i = 0;
        int j = 0;
        int n = at;
        while (i < a.length && j < b.length && n < out.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return n;
    }

    /** {@code ids} in order, keeping each value's first occurrence and none of {@code earlier} (any order). */
    private static long[] withoutRepeats(long[] ids, long[] earlier) {
        long[] banned = sortedCopy(earlier);
        long[] handed = new long[ids.length];
        int n = 0;
        java.util.HashSet<Long> kept = new java.util.HashSet<>();
        for (long id : ids) {
            if (Arrays.binarySearch(banned, id) < 0 && kept.add(id)) {
                handed[n++] = id;
            }
        }
        return Arrays.copyOf(handed, n);
    }

    private static long[] sortedCopy(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    private static long[] distinct(long[] sorted) {
        long[] out = new long[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                out[n++] = sorted[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static String preview(long[] ids) {
        return ids.length <= 10 ? Arrays.toString(ids) : Arrays.toString(Arrays.copyOf(ids, 10)) + " and " + (ids.length - 10) + " more";
    }

    @Override
    public String describe() {
        return source.describe();
    }
}
