package io.idmint.core;

/**
 * Where a generator reads the time: Unix epoch milliseconds. One method, so tests can substitute a
 * {@link ManualTimeSource} and deployments a clock that is immune to wall-clock steps.
 */
@FunctionalInterface
public interface TimeSource {
    long currentTimeMillis();

    /**
     * Unix epoch nanoseconds, for schemes with a nanosecond timestamp. The default has millisecond
     * resolution ({@code currentTimeMillis() * 1,000,000}); the system clock gives what the OS offers
     * (microseconds on Linux).
     */
    default long currentTimeNanos() {
        return currentTimeMillis() * 1_000_000L;
    }

    /**
     * Whether {@link #currentTimeNanos()} resolves time within a millisecond, so a wait for the next tick
     * can park until just before it instead of spinning through it. False by default.
     */
    default boolean resolvesSubMillisecond() {
        return false;
    }

    /** The system wall clock. A step back (NTP, VM resume) reaches the generator's rollback policy. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /**
     * Wall time read once now, advanced by {@link System#nanoTime()} from then on: immune to wall-clock
     * steps while the process runs, at the price of drifting with the local oscillator. Across restarts
     * the persisted high-water mark, not this clock, prevents reuse.
     */
    static TimeSource monotonic() {
        return new MonotonicTimeSource(System.currentTimeMillis(), System.nanoTime());
    }
}
