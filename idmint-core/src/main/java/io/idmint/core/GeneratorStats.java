package io.idmint.core;

import java.util.List;

/**
 * A snapshot of a generator's counters. Exact when the generator is quiescent; under concurrent use the
 * counters may trail in-flight calls by a tick.
 *
 * @param generated IDs issued
 * @param overflowWaits times a caller waited for the next tick because the sequence was used up
 * @param overflowWaitNanos total time spent in those waits
 * @param rollbacks clock rollbacks detected (one per episode)
 * @param largestRollbackMillis the largest distance the clock was found behind issued IDs
 * @param lastRollbackAtMillis wall time of the last rollback detected, or -1 if none
 * @param borrowedTicks ticks issued ahead of the clock by the overflow or logical-offset policy
 * @param leadMillis how far the newest issued timestamp is ahead of the clock now (0 when not ahead)
 * @param lastTickMaxSequence the highest sequence used in the last completed tick
 * @param peakTickMaxSequence the highest sequence used in any tick so far
 * @param sequenceCapacity sequence values per tick
 * @param lifetimeUsed fraction of the layout's lifetime passed, 0..1
 * @param highWaterMarkMillis the persisted reservation (no ID has a later timestamp), or -1 without a store
 */
public record GeneratorStats(
        long generated,
        long overflowWaits,
        long overflowWaitNanos,
        long rollbacks,
        long largestRollbackMillis,
        long lastRollbackAtMillis,
        long borrowedTicks,
        long leadMillis,
        int lastTickMaxSequence,
        int peakTickMaxSequence,
        long sequenceCapacity,
        double lifetimeUsed,
        long highWaterMarkMillis) {

    /**
     * The stats of a source without ticks or a sequence per tick (UUIDv7, the 128-bit layout, segments):
     * what it issued and how far ahead of the clock it runs; no rollbacks or overflows to report.
     */
    public static GeneratorStats of(long generated, long leadMillis) {
        return new GeneratorStats(generated, 0, 0, 0, 0, -1, 0, leadMillis, 0, 0, 1, 0, -1);
    }

    /**
     * Several generators' stats as one: counts added up; lead, rollback distance, utilisation and lifetime
     * the worst one's; the high-water mark the lowest (the one a restart of all of them must wait for least).
     */
    public static GeneratorStats combine(List<GeneratorStats> each) {
        long generated = 0, waits = 0, waitNanos = 0, rollbacks = 0, largest = 0, lastRollback = -1, borrowed = 0, lead = 0;
        int lastMax = 0, peakMax = 0;
        long capacity = each.get(0).sequenceCapacity();
        double lifetime = 0;
        long mark = Long.MAX_VALUE;
        for (GeneratorStats s : each) {
            generated += s.generated();
            waits += s.overflowWaits();
            waitNanos += s.overflowWaitNanos();
            rollbacks += s.rollbacks();
            largest = Math.max(largest, s.largestRollbackMillis());
            lastRollback = Math.max(lastRollback, s.lastRollbackAtMillis());
            borrowed += s.borrowedTicks();
            lead = Math.max(lead, s.leadMillis());
            lastMax = Math.max(lastMax, s.lastTickMaxSequence());
            peakMax = Math.max(peakMax, s.peakTickMaxSequence());
            lifetime = Math.max(lifetime, s.lifetimeUsed());
            mark = Math.min(mark, s.highWaterMarkMillis());
        }
        return new GeneratorStats(generated, waits, waitNanos, rollbacks, largest, lastRollback, borrowed, lead, lastMax,
                peakMax, capacity, lifetime, mark);
    }

    /** The peak fraction of a tick's sequence space used: 1.0 means some tick ran out. */
    public double peakSequenceUtilisation() {
        return (peakTickMaxSequence + 1) / (double) sequenceCapacity;
    }
}
