package io.idmint.faults;

import io.idmint.faults.Recording.Batch;
import io.idmint.faults.Recording.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * What only a run of segment members shows.
 *
 * <p><b>Restarts</b>: a member's new process takes its first segment from PostgreSQL after it was spawned, so
 * every ID it issues lies above every ID any client received before the spawn (the key's next value is past
 * every segment ever taken): a crash may skip values, never reuse them. Checked for each restart, against all
 * members' IDs.
 *
 * <p><b>Buffers</b>: while PostgreSQL is down or frozen, a member can only issue what its two segments hold;
 * per member, how many IDs it served from them and when it first refused ("retry later").
 */
record SegmentFindings(int step, List<Restart> restarts, List<BufferUse> buffers) {
    /**
     * One restarted member: the highest ID received by any client before its new process was spawned, and the
     * lowest its new process(es) issued ({@code idsAfter} of them; none if it never answered again).
     */
    record Restart(int fault, int member, long highestBefore, long lowestAfter, long idsAfter) {
        boolean holds() {
            return idsAfter == 0 || lowestAfter > highestBefore;
        }
    }

    /**
     * One member during one PostgreSQL outage: the IDs it answered before the heal to requests begun after the
     * fault's injection ({@code idsAfterFault}), and to those begun once no PostgreSQL process answered any more
     * ({@code idsAfterGone}: all killed or stopped, so from the at most two segments it held then). Between the
     * two, tens of milliseconds on a loaded machine, a backend may still hand out a segment, and a gRPC stream
     * begun before may deliver batches issued before; the IDs served from the buffers lie between the two
     * counts. And the time from the injection to the end of its first refused request ({@code -1}: it never
     * refused in the fault's window). {@code killed}: this member was the one killed -9 during the outage.
     */
    record BufferUse(Fault fault, int member, long idsAfterFault, long idsAfterGone, long firstRefusalNanos, boolean killed) {}

    static SegmentFindings of(int step, int members, List<FaultResult> results, List<Batch> batches, List<Request> requests,
                              List<String> examples) {
        List<Restart> restarts = new ArrayList<>();
        List<BufferUse> buffers = new ArrayList<>();
        for (FaultResult r : results) {
            Fault f = r.fault();
            if (f.restarted() >= 0) {
                Restart restart = restart(f, batches);
                restarts.add(restart);
                if (!restart.holds()) {
                    OrderCheck.example(examples, "RESTART BELOW EARLIER IDS: fault #" + f.number() + ", m" + f.restarted()
                            + "'s new process issued " + restart.lowestAfter() + ", not above " + restart.highestBefore()
                            + ", received before it was spawned");
                }
            }
            if (f.kind().hitsPostgres()) {
                for (int m = 0; m < members; m++) {
                    buffers.add(buffer(f, r.windowEndNanos(), m, batches, requests));
                }
            }
        }
        return new SegmentFindings(step, restarts, buffers);
    }

    private static Restart restart(Fault f, List<Batch> batches) {
        long highestBefore = Long.MIN_VALUE;
        long lowestAfter = Long.MAX_VALUE;
        long idsAfter = 0;
        for (Batch b : batches) {
            if (b.late() || b.ids().length == 0) {
                continue;
            }
            if (b.endNanos() < f.healedNanos()) {
                highestBefore = Math.max(highestBefore, OrderCheck.max(b));
            } else if (b.member() == f.restarted() && b.startNanos() >= f.healedNanos()) {
                lowestAfter = Math.min(lowestAfter, OrderCheck.min(b));
                idsAfter += b.ids().length;
            }
        }
        return new Restart(f.number(), f.restarted(), highestBefore, lowestAfter, idsAfter);
    }

    private static BufferUse buffer(Fault f, long windowEndNanos, int member, List<Batch> batches, List<Request> requests) {
        long afterFault = 0;
        long afterGone = 0;
        for (Batch b : batches) {
            if (b.member() == member && !b.late() && b.startNanos() >= f.injectedNanos() && b.endNanos() <= f.healedNanos()) {
                afterFault += b.ids().length;
                afterGone += b.startNanos() >= f.inEffectNanos() ? b.ids().length : 0;
            }
        }
        long firstRefusal = -1;
        for (Request q : requests) {
            if (q.member() == member && q.refused() && q.endNanos() >= f.injectedNanos() && q.endNanos() <= windowEndNanos
                    && (firstRefusal < 0 || q.endNanos() < firstRefusal)) {
                firstRefusal = q.endNanos();
            }
        }
        return new BufferUse(f, member, afterFault, afterGone, firstRefusal < 0 ? -1 : firstRefusal - f.injectedNanos(),
                member == f.restarted());
    }

    long restartViolations() {
        return restarts.stream().filter(r -> !r.holds()).count();
    }

    /** The buffer uses that measure buffers: the member was not itself killed during the outage. */
    List<BufferUse> measured(FaultKind kind) {
        return buffers.stream().filter(b -> b.fault().kind() == kind && !b.killed()).toList();
    }
}
