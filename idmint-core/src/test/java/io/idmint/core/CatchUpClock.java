package io.idmint.core;

/**
 * A clock that moves forward by one millisecond per read until it reaches a ceiling, then stands still
 * there (a clock set at or past the ceiling stands still at once): a clock that was stepped back and slews up to exactly a given instant, no further. Lets a test
 * put the clock on a boundary at the moment the code under test re-reads it. Thread-safe.
 */
final class CatchUpClock implements TimeSource {
    private long now;
    private final long ceiling;

    CatchUpClock(long startMillis, long ceilingMillis) {
        this.now = startMillis;
        this.ceiling = ceilingMillis;
    }

    @Override
    public synchronized long currentTimeMillis() {
        long read = now;
        if (now < ceiling) {
            now++;
        }
        return read;
    }

    synchronized void set(long millis) {
        now = millis;
    }
}
