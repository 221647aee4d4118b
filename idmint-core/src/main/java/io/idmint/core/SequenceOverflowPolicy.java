package io.idmint.core;

import java.time.Duration;

/**
 * What a generator does when a tick's sequence numbers are used up (4096 per ms in the default
 * layout).
 */
public final class SequenceOverflowPolicy {
    private final Duration maxLead;

    private SequenceOverflowPolicy(Duration maxLead) {
        this.maxLead = maxLead;
    }

    /** Spin ({@link Thread#onSpinWait()}) until the clock reaches the next tick. The default. */
    public static SequenceOverflowPolicy spinToNextTick() {
        return new SequenceOverflowPolicy(Duration.ZERO);
    }

    /**
     * Issue from future ticks while the generator is at most {@code maxLead} ahead of the clock, then
     * spin. Absorbs bursts at the cost of timestamps that read up to {@code maxLead} late.
     */
    public static SequenceOverflowPolicy borrowAhead(Duration maxLead) {
        Preconditions.checkRange("maxLead in ms", maxLead.toMillis(), 0, ClockRollbackPolicy.MAX_BOUND.toMillis());
        return new SequenceOverflowPolicy(maxLead);
    }

    /** How far ahead of the clock it may borrow; zero for spin-to-next-tick. */
    public Duration maxLead() {
        return maxLead;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceOverflowPolicy && ((SequenceOverflowPolicy) o).maxLead.equals(maxLead);
    }

    @Override
    public int hashCode() {
        return maxLead.hashCode();
    }

    @Override
    public String toString() {
        return maxLead.isZero() ? "spin-to-next-tick" : "borrow-ahead(up to " + maxLead.toMillis() + " ms)";
    }
}
