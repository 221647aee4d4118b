package io.idmint.faults;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.faults.Recording.Batch;
import io.idmint.faults.Recording.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a run: every ID unique over the whole run (late replies included), IDs increasing within each
 * batch, per member and worker ID, and per worker ID across members in real time; and, per fault,
 * availability in its window and the time to recover after it was healed.
 *
 * <p>Segment IDs carry no worker: each member's IDs increase (across its restarts too: a new process takes
 * segments above everything taken before), but members' IDs interleave, so there is no per-worker order to
 * check. With segment members the per-member order covers all of a member's IDs, and {@link SegmentFindings}
 * adds the restart check and the buffers' figures.
 */
final class Checker {
    private final List<Recording> recordings;
    private final int workerShift;
    private final long workerMask;
    private final int members;
    /** The segment members' step; 0 for IDs of a layout, which carry a worker. */
    private final int segmentStep;

    /** Availability counts members 0..{@code members}-1 only: the spare's requests count for the ID checks alone. */
    Checker(List<Recording> recordings, BitLayout layout, int members) {
        this(recordings, layout.shift(Field.WORKER), layout.maxValue(Field.WORKER), members, 0);
    }

    private Checker(List<Recording> recordings, int workerShift, long workerMask, int members, int segmentStep) {
        this.recordings = recordings;
        this.members = members;
        this.workerShift = workerShift;
        this.workerMask = workerMask;
        this.segmentStep = segmentStep;
    }

    /** For segment members: every ID counts as "worker 0", so the per-member checks cover all of a member's IDs. */
    static Checker forSegments(List<Recording> recordings, int members, int step) {
        return new Checker(recordings, 0, 0, members, step);
    }

    RunResult check(List<Fault> faults, long runStartNanos, long runEndNanos, String aborted) {
        List<Batch> batches = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        recordings.forEach(r -> {
            batches.addAll(r.batches());
            r.requests().stream().filter(q -> q.member() < members).forEach(requests::add);
        });
        List<String> examples = new ArrayList<>();
        Uniqueness unique = Uniqueness.of(batches, examples);
        long withinBatch = OrderCheck.withinBatches(batches, examples);
        long perServer = perServer(batches, examples);
        long perWorker = segmentStep > 0 ? 0 : perWorker(batches, examples);
        List<String> notes = new ArrayList<>();
        List<FaultResult> results = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            long nextNanos = i + 1 < faults.size() ? faults.get(i + 1).injectedNanos() : runEndNanos;
            results.add(FaultResult.of(faults.get(i), nextNanos, requests, batches));
        }
        SegmentFindings segment = segmentStep > 0 ? SegmentFindings.of(segmentStep, members, results, batches, requests, examples) : null;
        long answered = requests.stream().filter(Request::ok).count();
        return new RunResult(unique.ids, unique.lateIds, unique.duplicates, withinBatch, perServer, perWorker,
                requests.size(), answered, steadyAvailability(requests, results, notes), results, examples, notes,
                (runEndNanos - runStartNanos) / 1_000_000, aborted, segment);
    }

    /** Each client's successive answers, and any two answers of one member and worker ID in real time, increase. */
    private long perServer(List<Batch> batches, List<String> examples) {
        long violations = 0;
        for (Recording r : recordings) {
            violations += OrderCheck.perClient(r.batches(), workerShift, workerMask, examples);
        }
        Map<String, List<Batch>> byMemberWorker = new HashMap<>();
        for (Batch b : batches) {
            if (!b.late() && b.ids().length > 0) {
                String scope = segmentStep > 0 ? "member " + b.member()
                        : "member/worker " + b.member() + "/" + OrderCheck.worker(b, workerShift, workerMask);
                byMemberWorker.computeIfAbsent(scope, k -> new ArrayList<>()).add(b);
            }
        }
        for (Map.Entry<String, List<Batch>> e : byMemberWorker.entrySet()) {
            violations += OrderCheck.realTime(e.getValue(), e.getKey(), examples);
        }
        return violations;
    }

    /** Any two answers carrying one worker ID, whichever member sent them, increase in real time. */
    private long perWorker(List<Batch> batches, List<String> examples) {
        Map<Long, List<Batch>> byWorker = new HashMap<>();
        for (Batch b : batches) {
            if (!b.late() && b.ids().length > 0) {
                byWorker.computeIfAbsent(OrderCheck.worker(b, workerShift, workerMask), k -> new ArrayList<>()).add(b);
            }
        }
        long violations = 0;
        for (Map.Entry<Long, List<Batch>> e : byWorker.entrySet()) {
            violations += OrderCheck.realTime(e.getValue(), "worker " + e.getKey(), examples);
        }
        return violations;
    }

    /** Availability outside every fault window (what clients see when nothing is wrong), and why requests failed there. */
    private static double steadyAvailability(List<Request> requests, List<FaultResult> results, List<String> examples) {
        long n = 0;
        long ok = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (Request r : requests) {
            boolean inWindow = false;
            for (FaultResult f : results) {
                inWindow |= r.startNanos() >= f.fault().injectedNanos() && r.startNanos() <= f.windowEndNanos();
            }
            if (!inWindow) {
                n++;
                ok += r.ok() ? 1 : 0;
                if (!r.ok()) {
                    String kind = "m" + r.member() + ": " + r.error().replaceAll("[0-9]+", "N");
                    errors.merge(kind.length() > 160 ? kind.substring(0, 160) : kind, 1L, Long::sum);
                }
            }
        }
        errors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(e -> examples.add(e.getValue() + " x " + e.getKey()));
        return n == 0 ? 1.0 : (double) ok / n;
    }

    /** Sorts every ID received and counts the repeats; names the clients that received the first few. */
    private record Uniqueness(long ids, long lateIds, long duplicates) {
        static Uniqueness of(List<Batch> batches, List<String> examples) {
            long total = 0;
            long late = 0;
            for (Batch b : batches) {
                total += b.ids().length;
                late += b.late() ? b.ids().length : 0;
            }
            long[] all = new long[Math.toIntExact(total)];
            int k = 0;
            for (Batch b : batches) {
                System.arraycopy(b.ids(), 0, all, k, b.ids().length);
                k += b.ids().length;
            }
            Arrays.parallelSort(all);
            long duplicates = 0;
            List<Long> repeated = new ArrayList<>();
            for (int i = 1; i < all.length; i++) {
                if (all[i] == all[i - 1]) {
                    duplicates++;
                    if (repeated.size() < 5) {
                        repeated.add(all[i]);
                    }
                }
            }
            for (long id : repeated) {
                OrderCheck.example(examples, "DUPLICATE " + id + " received by " + receivers(batches, id));
            }
            return new Uniqueness(total, late, duplicates);
        }

        private static List<String> receivers(List<Batch> batches, long id) {
            List<String> who = new ArrayList<>();
            for (Batch b : batches) {
                for (long x : b.ids()) {
                    if (x == id) {
                        who.add(b.client() + "@m" + b.member() + (b.late() ? " (late)" : ""));
                    }
                }
            }
            return who;
        }
    }
}
