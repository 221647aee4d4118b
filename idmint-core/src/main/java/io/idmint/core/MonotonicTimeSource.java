package io.idmint.core;

/** Wall time at an anchor plus {@link System#nanoTime()} elapsed since: immune to wall-clock steps. */
final class MonotonicTimeSource implements TimeSource {
    private final long anchorMillis;
    private final long anchorNanos;

    MonotonicTimeSource(long anchorMillis, long anchorNanos) {
        this.anchorMillis = anchorMillis;
        this.anchorNanos = anchorNanos;
    }

    @Override
    public long currentTimeMillis() {
        return anchorMillis + (System.nanoTime() - anchorNanos) / 1_000_000L;
    }

    @Override
    public boolean resolvesSubMillisecond() {
        return true;
    }

    @Override
    public long currentTimeNanos() {
        return anchorMillis * 1_000_000L + (System.nanoTime() - anchorNanos);
    }

    @Override
    public String toString() {
        return "monotonic(anchored at " + anchorMillis + ")";
    }
}
