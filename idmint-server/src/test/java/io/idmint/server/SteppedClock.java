package io.idmint.server;

import io.idmint.core.TimeSource;
import java.util.concurrent.atomic.AtomicLong;

/** The real clock shifted by an offset a test steps, as NTP would; counts its reads so a test can see a wait. */
public final class SteppedClock implements TimeSource {
    private volatile long offsetMillis;
    private final AtomicLong reads = new AtomicLong();

    @Override
    public long currentTimeMillis() {
        reads.incrementAndGet();
        return System.currentTimeMillis() + offsetMillis;
    }

    /** Steps the clock by {@code deltaMillis} (negative: back). */
    public void step(long deltaMillis) {
        offsetMillis += deltaMillis;
    }

    public long reads() {
        return reads.get();
    }
}
