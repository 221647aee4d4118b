package io.idmint.faults;

import io.idmint.faults.Recording.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Real-time order of one group of batches (one worker ID, or one member's worker ID): when a batch was
 * received before another was requested, every ID of the first must be below every ID of the second. For
 * one worker ID this holds across holders only if leases work: a stale holder that kept issuing after its
 * ID moved on, or a new holder that started below the old reservation, breaks it even without a duplicate.
 */
final class OrderCheck {
    private OrderCheck() {}

    /** Counts the batches that start after an earlier batch ended yet hold an ID not above all of its IDs. */
    static long realTime(List<Batch> group, String scope, List<String> examples) {
        List<Batch> byStart = new ArrayList<>(group);
        byStart.sort(Comparator.comparingLong(Batch::startNanos));
        List<Batch> byEnd = new ArrayList<>(group);
        byEnd.sort(Comparator.comparingLong(Batch::endNanos));
        long violations = 0;
        long maxBefore = Long.MIN_VALUE;
        Batch maxBatch = null;
        int j = 0;
        for (Batch b : byStart) {
            while (j < byEnd.size() && byEnd.get(j).endNanos() < b.startNanos()) {
                Batch e = byEnd.get(j++);
                if (max(e) > maxBefore) {
                    maxBefore = max(e);
                    maxBatch = e;
                }
            }
            if (maxBatch != null && min(b) <= maxBefore) {
                violations++;
                example(examples, scope + ": " + describe(b) + " requested after " + describe(maxBatch) + " was received, yet "
                        + min(b) + " <= " + maxBefore);
            }
        }
        return violations;
    }

    /** Within each batch, IDs strictly increase. */
    static long withinBatches(List<Batch> batches, List<String> examples) {
        long violations = 0;
        for (Batch b : batches) {
            long[] ids = b.ids();
            if (ids.length == 0) {
                violations++;
                example(examples, "an answer without IDs: " + b.client() + "@m" + b.member());
                continue;
            }
            for (int i = 1; i < ids.length; i++) {
                if (ids[i] <= ids[i - 1]) {
                    violations++;
                    example(examples, "batch not increasing: " + describe(b) + " at " + i + ": " + ids[i - 1] + " then " + ids[i]);
                    break;
                }
            }
        }
        return violations;
    }

    /**
     * One client's consecutive batches from the same member and worker ID increase (a client waits for each
     * answer, so its batches are in issue order; stream messages are too, within a stream).
     */
    static long perClient(List<Batch> clientBatches, int workerShift, long workerMask, List<String> examples) {
        long violations = 0;
        Batch prev = null;
        for (Batch b : clientBatches) {
            if (b.late() || b.ids().length == 0) {
                continue;
            }
            if (prev != null && prev.member() == b.member() && worker(prev, workerShift, workerMask) == worker(b, workerShift, workerMask)
                    && min(b) <= max(prev)) {
                violations++;
                example(examples, "client order: " + describe(b) + " after " + describe(prev) + ": " + min(b) + " <= " + max(prev));
            }
            prev = b;
        }
        return violations;
    }

    static long worker(Batch b, int workerShift, long workerMask) {
        return (b.ids()[0] >>> workerShift) & workerMask;
    }

    static long min(Batch b) {
        long m = Long.MAX_VALUE;
        for (long id : b.ids()) {
            m = Math.min(m, id);
        }
        return m;
    }

    static long max(Batch b) {
        long m = Long.MIN_VALUE;
        for (long id : b.ids()) {
            m = Math.max(m, id);
        }
        return m;
    }

    private static String describe(Batch b) {
        return b.client() + "@m" + b.member() + "[" + b.ids().length + " IDs " + b.ids()[0] + "..]";
    }

    static void example(List<String> examples, String text) {
        if (examples.size() < 10) {
            examples.add(text);
        }
    }
}
