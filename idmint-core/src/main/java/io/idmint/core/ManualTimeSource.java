package io.idmint.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: the deterministic "test generator" clock. Optionally advances by a
 * fixed step on every read, so that code which waits for time to pass (overflow, rollback, restart
 * waits) makes progress without real sleeping. Thread-safe.
 */
public final class ManualTimeSource implements TimeSource {
    private final AtomicLong millis;
    private volatile long stepPerRead;

    public ManualTimeSource(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    @Override
    public long currentTimeMillis() {
        long step = stepPerRead;
        return step == 0 ? millis.get() : millis.getAndAdd(step);
    }

    public void set(long newMillis) {
        millis.set(newMillis);
    }

    /** Moves the clock by {@code deltaMillis}; negative values step it backwards. */
    public void advance(long deltaMillis) {
        millis.addAndGet(deltaMillis);
    }

    /** Every later read returns the current value and then moves the clock forward by {@code step} ms. */
    public ManualTimeSource autoAdvanceMillisPerRead(long step) {
        Preconditions.checkRange("step", step, 0, Long.MAX_VALUE);
        this.stepPerRead = step;
        return this;
    }

    /** The time now, without auto-advance. */
    public long peek() {
        return millis.get();
    }

    @Override
    public String toString() {
        return "manual(" + millis.get() + ")";
    }
}
