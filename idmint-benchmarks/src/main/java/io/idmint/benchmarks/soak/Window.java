package io.idmint.benchmarks.soak;

import java.time.Instant;
import java.util.Locale;

/**
 * One window of the soak (10 s by default): what ended in it and the server's memory. {@code endSeconds}
 * is the window's nominal end since the start of the load; {@code utcEnd} the wall-clock time it was
 * closed. Requests and calls count those that ended in the window, answered or failed; latencies are of
 * the answered ones, from when each was due.
 */
record Window(int index, long endSeconds, Instant utcEnd, long requests, long errors, Latency http, Memory rss,
              long grpcCalls, long grpcErrors, double grpcP99Ms) {

    /** HTTP latency percentiles of the window, in milliseconds. */
    record Latency(double p50Ms, double p99Ms, double p999Ms, double maxMs) {}

    /**
     * The server's RSS in the window, in MiB: the sample at its end, the mean of its samples (one a second)
     * and the largest. RSS is a sawtooth here (the JVM hands freed native memory back every 5 s), so one
     * sample lands anywhere in a band a few MiB wide; the mean over 10 samples is the steadier figure.
     */
    record Memory(double endMib, double meanMib, double maxMib) {}

    /** One line per window while the soak runs, so a long run shows it is alive. */
    String progressLine() {
        return String.format(Locale.ROOT, "soak: %3d:%02d  %,8d req  %d err  ms p50 %s p99 %s p99.9 %s max %s"
                        + "  RSS %s MiB (mean %s, max %s)  gRPC %d calls %d err", endSeconds / 60, endSeconds % 60,
                requests, errors, Report.ms(http.p50Ms()), Report.ms(http.p99Ms()), Report.ms(http.p999Ms()),
                Report.ms(http.maxMs()), Report.mib(rss.endMib()), Report.mib(rss.meanMib()), Report.mib(rss.maxMib()),
                grpcCalls, grpcErrors);
    }
}
