package io.idmint.core;

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

    /** The peak fraction of a tick's sequence space used: 1.0 means some tick ran out. */
    public double peakSequenceUtilisation() {
        return (peakTickMaxSequence + 1) / (double) sequenceCapacity;
    }
}
