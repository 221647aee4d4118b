package io.idmint.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A generator's statistics, kept off the hot path: they change on tick transitions, waits and
 * rollbacks, never per ID. IDs issued are counted per completed tick (a tick's last sequence + 1).
 */
final class GeneratorCounters {
    private final AtomicLong completedTickIds = new AtomicLong();
    private final AtomicInteger lastTickMaxSequence = new AtomicInteger(-1);
    private final AtomicInteger peakTickMaxSequence = new AtomicInteger(-1);
    private final LongAdder overflowWaits = new LongAdder();
    private final LongAdder overflowWaitNanos = new LongAdder();
    private final LongAdder borrowedTicks = new LongAdder();
    private final AtomicLong rollbacks = new AtomicLong();
    private final AtomicLong largestRollbackMillis = new AtomicLong();
    private volatile long lastRollbackAtMillis = -1;
    private volatile long rollbackHorizonTick = -1;

    void tickCompleted(long lastSequence) {
        completedTickIds.addAndGet(lastSequence + 1);
        lastTickMaxSequence.set((int) lastSequence);
        peakTickMaxSequence.accumulateAndGet((int) lastSequence, Math::max);
    }

    void overflowWaited(long nanos) {
        overflowWaits.increment();
        overflowWaitNanos.add(nanos);
    }

    void borrowedTick() {
        borrowedTicks.increment();
    }

    /**
     * Counts one rollback episode: later detections are the same episode while the generator's tick
     * stays within {@code horizonTick}, the furthest it may run ahead during it.
     */
    void rollbackSeen(long lastTick, long horizonTick, long behindMillis, long wallMillis) {
        largestRollbackMillis.accumulateAndGet(behindMillis, Math::max);
        if (lastTick > rollbackHorizonTick) {
            rollbackHorizonTick = horizonTick;
            rollbacks.incrementAndGet();
            lastRollbackAtMillis = wallMillis;
        }
    }

    GeneratorStats snapshot(long currentTickIds, long leadMillis, long sequenceCapacity, double lifetimeUsed,
                            long highWaterMarkMillis) {
        return new GeneratorStats(completedTickIds.get() + currentTickIds, overflowWaits.sum(), overflowWaitNanos.sum(),
                rollbacks.get(), largestRollbackMillis.get(), lastRollbackAtMillis, borrowedTicks.sum(), leadMillis,
                lastTickMaxSequence.get(), peakTickMaxSequence.get(), sequenceCapacity, lifetimeUsed,
                highWaterMarkMillis);
    }
}
