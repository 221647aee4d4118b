package io.idmint.core;

import java.util.concurrent.locks.LockSupport;

/** Bounded waits on a {@link TimeSource}: spin near the target, park in short slices further away. */
final class Waiting {
    private static final long PARK_SLICE_NANOS = 100_000;
    private static final long SPIN_BELOW_MILLIS = 2;
    /** How long before a tick boundary a parked waiter wakes to spin the rest. */
    static final long SPIN_MARGIN_NANOS = 100_000;
    /** Parks shorter than this cost more in wake-up latency than they save. */
    private static final long MIN_PARK_NANOS = 50_000;

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

    /**
     * One step of a wait for {@code time} to reach {@code targetMillis}, the start of the next tick. With a
     * clock that resolves sub-millisecond time, parks until {@value #SPIN_MARGIN_NANOS} ns before the
     * boundary (a park wakes up to about 60 µs late on Linux, so the margin keeps the tick's first IDs
     * on time) and spins only through that margin: at the layout's cap a thread issues its tick's IDs in
     * tens of microseconds and would otherwise burn the rest of the millisecond. Other clocks: as
     * {@link #pause(long)}.
     */
    static void pauseBefore(TimeSource time, long targetMillis) {
        if (!time.resolvesSubMillisecond()) {
            pause(targetMillis - time.currentTimeMillis());
            return;
        }
        long remainingNanos = targetMillis * 1_000_000L - time.currentTimeNanos();
        if (remainingNanos > SPIN_MARGIN_NANOS + MIN_PARK_NANOS) {
            LockSupport.parkNanos(remainingNanos - SPIN_MARGIN_NANOS);
        } else {
            Thread.onSpinWait();
        }
    }
}
