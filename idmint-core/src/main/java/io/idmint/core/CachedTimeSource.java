package io.idmint.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A time source whose reads cost a volatile load instead of a clock call (~24 ns here): a daemon thread
 * reads the underlying source every {@code refreshInterval} and publishes the value.
 *
 * <p><b>Guarantee.</b> A read never returns a time later than the underlying source's time at the
 * moment of the read. It is stale by less than the refresh gap that contains it, measured from just
 * before a read of the source to just after the next value is published; {@link #maxRefreshGapNanos()}
 * reports the largest such gap so far (the current one included once it ends). After {@link #close()},
 * or once the refresher died of an {@link Error} from the source, reads go straight to the source.
 *
 * <p><b>Assumption.</b> The refresher thread gets CPU time about every {@code refreshInterval}. When the
 * machine starves it (CPU saturation, a stop-the-world pause), the gap grows; the value stays
 * correct for uniqueness, only less fresh, and the gap is measured rather than assumed.
 */
public final class CachedTimeSource implements TimeSource, AutoCloseable {
    /** Two refreshes per millisecond tick keep an ID's timestamp within a tick of its issue time. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofNanos(500_000);

    private final TimeSource source;
    private final long refreshNanos;
    private final Thread refresher;
    private volatile long cachedMillis;
    private volatile long maxGapNanos;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private CachedTimeSource(TimeSource source, Duration refreshInterval) {
        this.source = source;
        this.refreshNanos = refreshInterval.toNanos();
        this.cachedMillis = source.currentTimeMillis();
        this.refresher = new Thread(this::refreshLoop, "idmint-cached-time");
        refresher.setDaemon(true);
        refresher.start();
    }

    public static CachedTimeSource start(TimeSource source) {
        return start(source, DEFAULT_REFRESH_INTERVAL);
    }

    public static CachedTimeSource start(TimeSource source, Duration refreshInterval) {
        Preconditions.checkNotNull("source", source);
        Preconditions.checkRange("refreshInterval in µs", refreshInterval.toNanos() / 1000, 50, 1_000_000);
        return new CachedTimeSource(source, refreshInterval);
    }

    @Override
    public long currentTimeMillis() {
        // After close() there is no refresher: read the source rather than serve a frozen time.
        return running ? cachedMillis : source.currentTimeMillis();
    }

    /**
     * What stopped the refresher, if anything did: an {@link Error} thrown by the source. From then on reads
     * go straight to the source, as after {@link #close()}.
     */
    public java.util.Optional<Throwable> refresherFailure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** The largest time between two reads of the underlying source so far: the bound on staleness. */
    public long maxRefreshGapNanos() {
        return maxGapNanos;
    }

    public Duration refreshInterval() {
        return Duration.ofNanos(refreshNanos);
    }

    /**
     * The gap recorded is from just before one read of the source to just after the next value is
     * published: the longest a published value can be older than the source's time.
     */
    private void refreshLoop() {
        try {
            refreshWhileRunning();
        } catch (Throwable t) { // an Error from the source: stop caching rather than serve a frozen time
            // Reads go to the source before the failure is published: whoever sees it sees live reads too.
            running = false;
            failure = t;
            throw t;
        } finally {
            running = false;
        }
    }

    private void refreshWhileRunning() {
        long previousReadStart = System.nanoTime();
        while (running) {
            LockSupport.parkNanos(refreshNanos);
            long readStart = System.nanoTime();
            try {
                cachedMillis = source.currentTimeMillis();
            } catch (RuntimeException e) {
                // Keep the last value: it only grows staler, and the growing gap reports it.
                continue;
            }
            long gap = System.nanoTime() - previousReadStart;
            if (gap > maxGapNanos) {
                maxGapNanos = gap;
            }
            previousReadStart = readStart;
        }
    }

    /** Stops the refresher and waits for it, so {@link #maxRefreshGapNanos()} covers every read made. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(refresher);
        try {
            refresher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "cached(" + source + ", every " + refreshNanos / 1000 + " µs)";
    }
}
