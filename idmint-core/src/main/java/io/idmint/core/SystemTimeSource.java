package io.idmint.core;

import java.time.Instant;

/** The JVM's wall clock. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean resolvesSubMillisecond() {
        return true;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public String toString() {
        return "system";
    }
}
