package io.idmint.faults;

import io.idmint.faults.Recording.Batch;
import io.idmint.faults.Recording.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fault as the clients saw it. The window runs from injection to recovery: the end of the first
 * answered request that began after the heal, on the target (for etcd, on every member: the last of them
 * to answer). Availability is the fraction of requests begun in the window that were answered; the outage
 * is the longest stretch of the window in which the target answered nothing.
 */
record FaultResult(Fault fault, long windowEndNanos, long requests, long answered, long targetRequests,
                   long targetAnswered, long longestOutageNanos, long recoveryNanos, long ids) {

    static FaultResult of(Fault f, long nextFaultNanos, List<Request> requests, List<Batch> batches) {
        Set<Integer> targets = new TreeSet<>();
        requests.forEach(r -> {
            if (f.affectsAll() || r.member() == f.target()) {
                targets.add(r.member());
            }
        });
        boolean recovered = !targets.isEmpty();
        long recoveredAt = f.healedNanos();
        for (int m : targets) { // recovered when the last affected member answered
            long first = firstAnswerAfter(requests, m, f.healedNanos(), nextFaultNanos);
            recovered &= first >= 0;
            recoveredAt = Math.max(recoveredAt, first);
        }
        long end = recovered ? recoveredAt : nextFaultNanos;
        long n = 0, ok = 0, tn = 0, tok = 0;
        for (Request r : requests) {
            if (r.startNanos() >= f.injectedNanos() && r.startNanos() <= end) {
                n++;
                ok += r.ok() ? 1 : 0;
                if (targets.contains(r.member())) {
                    tn++;
                    tok += r.ok() ? 1 : 0;
                }
            }
        }
        long outage = 0;
        for (int m : targets) {
            outage = Math.max(outage, longestSilence(requests, m, f.injectedNanos(), end));
        }
        long ids = 0;
        for (Batch b : batches) {
            if (!b.late() && b.endNanos() >= f.injectedNanos() && b.endNanos() <= end) {
                ids += b.ids().length;
            }
        }
        return new FaultResult(f, end, n, ok, tn, tok, outage, recovered ? recoveredAt - f.healedNanos() : -1, ids);
    }

    /** End of the first answered request of member {@code m} that began at or after {@code from}; -1 if none before {@code until}. */
    private static long firstAnswerAfter(List<Request> requests, int m, long from, long until) {
        long best = -1;
        for (Request r : requests) {
            if (r.member() == m && r.ok() && r.startNanos() >= from && r.startNanos() < until
                    && (best < 0 || r.endNanos() < best)) {
                best = r.endNanos();
            }
        }
        return best;
    }

    /** The longest part of [from, to] in which no request of member {@code m} was answered. */
    private static long longestSilence(List<Request> requests, int m, long from, long to) {
        List<Long> answers = new ArrayList<>();
        for (Request r : requests) {
            if (r.member() == m && r.ok() && r.endNanos() > from && r.endNanos() <= to) {
                answers.add(r.endNanos());
            }
        }
        answers.sort(null);
        long longest = 0;
        long prev = from;
        for (long t : answers) {
            longest = Math.max(longest, t - prev);
            prev = t;
        }
        return Math.max(longest, to - prev);
    }

    double availability() {
        return requests == 0 ? 1.0 : (double) answered / requests;
    }

    double targetAvailability() {
        return targetRequests == 0 ? 1.0 : (double) targetAnswered / targetRequests;
    }
}
