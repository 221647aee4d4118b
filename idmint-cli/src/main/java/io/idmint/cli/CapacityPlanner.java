package io.idmint.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' capacity calculator: from peak IDs/s, years of operation and node count to the narrowest
 * timestamp, worker and sequence fields that fit the usable bits (63: the sign bit stays clear; 53 for IDs
 * a JavaScript number holds exactly), trying the finest tick first. Headroom multiplies both the rate and
 * the node count.
 */
final class CapacityPlanner {
    static final long[] TICKS_MILLIS = {1, 10, 1000};
    static final int USABLE_BITS = 63;
    private static final double MILLIS_PER_YEAR = 365.25 * 24 * 3600 * 1000;

    record Plan(long tickMillis, int timestampBits, int workerBits, int sequenceBits, long idsPerTickPerNode, int usableBits) {
        int totalBits() {
            return timestampBits + workerBits + sequenceBits;
        }

        int spareBits() {
            return usableBits - totalBits();
        }
    }

    record Result(List<Plan> candidates, Plan chosen) {}

    static Result plan(long qps, double years, long nodes, double headroom) {
        return plan(qps, years, nodes, headroom, USABLE_BITS);
    }

    static Result plan(long qps, double years, long nodes, double headroom, int usableBits) {
        List<Plan> candidates = new ArrayList<>();
        Plan chosen = null;
        for (long tick : TICKS_MILLIS) {
            long perTick = (long) Math.ceil(qps * headroom / nodes * tick / 1000.0);
            int sequenceBits = bitsFor(Math.max(1, perTick));
            int workerBits = bitsFor((long) Math.ceil(nodes * headroom));
            int timestampBits = bitsFor((long) Math.ceil(years * MILLIS_PER_YEAR / tick));
            Plan p = new Plan(tick, timestampBits, workerBits, sequenceBits, perTick, usableBits);
            candidates.add(p);
            if (chosen == null && p.totalBits() <= usableBits) {
                chosen = p;
            }
        }
        return new Result(candidates, chosen);
    }

    /**
     * Gives a fitting plan's spare bits the Snowflake proportions: the sequence up to 12 bits (burst
     * room), the worker up to 10 bits (fleet growth), the rest to the timestamp (lifetime).
     */
    static Plan spendSpareBits(Plan p) {
        int spare = p.spareBits();
        int sequence = p.sequenceBits() + Math.max(0, Math.min(spare, 12 - p.sequenceBits()));
        spare -= sequence - p.sequenceBits();
        int worker = p.workerBits() + Math.max(0, Math.min(spare, 10 - p.workerBits()));
        spare -= worker - p.workerBits();
        return new Plan(p.tickMillis(), p.timestampBits() + spare, worker, sequence, p.idsPerTickPerNode(), p.usableBits());
    }

    /** The bits needed to count {@code n} distinct values, 0 for a single value. */
    static int bitsFor(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    static double years(int timestampBits, long tickMillis) {
        return Math.pow(2, timestampBits) * tickMillis / MILLIS_PER_YEAR;
    }
}
