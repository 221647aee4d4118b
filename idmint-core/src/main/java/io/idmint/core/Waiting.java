package io.idmint.core;

import java.util.concurrent.locks.LockSupport;

/** Bounded waits on a {@link TimeSource}: spin near the target, park in short slices further away. */
final class Waiting {
    private static final long PARK_SLICE_NANOS = 100_000;
    private static final long SPIN_BELOW_MILLIS = 2;

    private Waiting() {}

    /**
     * Returns once {@code time} reads at least {@code targetMillis} or {@code maxNanos} of real time
     * passed, whichever comes first. The caller re-reads the clock to tell which.
     */
    static void untilMillis(TimeSource time, long targetMillis, long maxNanos) {
        long start = System.nanoTime();
        long now;
        while ((now = time.currentTimeMillis()) < targetMillis && System.nanoTime() - start < maxNanos) {
            pause(targetMillis - now);
        }
    }

    static void pause(long remainingMillis) {
        if (remainingMillis > SPIN_BELOW_MILLIS) {
            LockSupport.parkNanos(PARK_SLICE_NANOS);
        } else {
            Thread.onSpinWait();
        }
    }
}
