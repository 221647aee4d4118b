package io.idmint.segment;

/**
 * Leaf's dynamic step, measured instead of guessed: when the next segment is fetched, the rate at which the
 * current one has been used so far says how long a segment of the present step lasts. Shorter than half the
 * target duration doubles the step, longer than twice the target halves it, within {@code min..max}: a burst
 * gets segments large enough not to wait on the store, a quiet period small ones, which lose little in a crash.
 *
 * <p>Called by one fetch at a time (the generator's fetches are single-flight); {@link #step()} may be read
 * from any thread.
 */
final class StepPolicy {
    private final int min;
    private final int max;
    private final long targetNanos;
    private volatile int step;

    StepPolicy(int initial, int min, int max, long targetNanos) {
        this.min = min;
        this.max = max;
        this.targetNanos = targetNanos;
        this.step = initial;
    }

    int step() {
        return step;
    }

    /**
     * The step for the segment fetched now, {@code base} being the current segment (or {@link Segment#NONE});
     * it becomes the step only once {@link #accept accepted}, so failed fetches do not compound it.
     */
    int propose(Segment base, long nowNanos) {
        int used = base.used();
        if (base.store < 0 || used <= 0) {
            return step;
        }
        double lastedNanos = Math.max(0, nowNanos - base.activatedNanos) * (double) step / Math.min(used, base.size);
        int s = step;
        if (lastedNanos < targetNanos / 2.0) {
            return (int) Math.min(max, 2L * s);
        }
        if (lastedNanos > targetNanos * 2.0) {
            return Math.max(min, s / 2);
        }
        return s;
    }

    /** The step of a segment just taken: the next proposal starts from it. */
    void accept(int taken) {
        step = taken;
    }
}
