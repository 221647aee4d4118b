package io.idmint.benchmarks.soak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Cuts the run into windows: takes the latency recorders' interval histograms and the counters' change
 * since the previous window, and tracks the largest RSS sample within the window. Used by one thread at
 * a time (the sampler, then the main thread after the sampler has stopped), so it needs no locks.
 */
final class Windows {
    private final Meters meters;
    private final int windowSeconds;
    private final Histogram httpTotal = new Histogram(Meters.HIGHEST_MICROS, 3);
    private final Histogram grpcTotal = new Histogram(Meters.HIGHEST_MICROS, 3);
    private final List<Window> closed = new ArrayList<>();
    private Histogram httpInterval;
    private Histogram grpcInterval;
    private Meters.Counts previous = Meters.Counts.ZERO;
    private long rssMaxKib = -1;
    private long rssSumKib;
    private int rssSamples;
    /** The latest sample, for a window that ends after the server has gone. */
    private long lastRssKib = -1;

    Windows(Meters meters, int windowSeconds) {
        this.meters = meters;
        this.windowSeconds = windowSeconds;
    }

    /** An RSS sample taken within the current window; -1 (the server is gone) is ignored. */
    void rss(long kib) {
        if (kib >= 0) {
            rssMaxKib = Math.max(rssMaxKib, kib);
            rssSumKib += kib;
            rssSamples++;
            lastRssKib = kib;
        }
    }

    /** Ends the current window; its end RSS is the latest sample given to {@link #rss}. */
    Window close() {
        httpInterval = meters.httpLatencyMicros.getIntervalHistogram(httpInterval);
        grpcInterval = meters.grpcLatencyMicros.getIntervalHistogram(grpcInterval);
        Meters.Counts now = meters.counts();
        Meters.Counts delta = now.minus(previous);
        previous = now;
        httpTotal.add(httpInterval);
        grpcTotal.add(grpcInterval);
        Window.Latency latency = new Window.Latency(Report.ms(httpInterval, 50), Report.ms(httpInterval, 99),
                Report.ms(httpInterval, 99.9), Report.maxMs(httpInterval));
        Window.Memory memory = new Window.Memory(ServerMemory.mib(lastRssKib),
                rssSamples == 0 ? ServerMemory.mib(lastRssKib) : ServerMemory.mib(rssSumKib) / rssSamples,
                ServerMemory.mib(Math.max(rssMaxKib, lastRssKib)));
        int index = closed.size() + 1;
        Window w = new Window(index, (long) index * windowSeconds, Instant.now(), delta.httpRequests(),
                delta.httpErrors(), latency, memory, delta.grpcCalls(), delta.grpcErrors(), Report.ms(grpcInterval, 99));
        closed.add(w);
        rssMaxKib = -1;
        rssSumKib = 0;
        rssSamples = 0;
        return w;
    }

    List<Window> closed() {
        return List.copyOf(closed);
    }

    /** Every HTTP latency of the closed windows. */
    Histogram httpTotal() {
        return httpTotal;
    }

    Histogram grpcTotal() {
        return grpcTotal;
    }
}
