package io.idmint.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What the load threads record and the window sampler reads. Latencies go to HdrHistogram
 * {@link Recorder}s, whose interval histograms swap without stopping the writers, so a window can be
 * closed while requests keep completing. Counters are cumulative {@link LongAdder}s; a window takes the
 * difference to the previous window's snapshot, so the totals stay exact even though a snapshot of
 * several counters is not atomic (a request finishing during a snapshot may land in the next window).
 */
final class Meters {
    /** Latencies above this (in microseconds) are recorded as this: a minute is already a failed soak. */
    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int PROBLEMS_KEPT = 5;

    final Recorder httpLatencyMicros = new Recorder(HIGHEST_MICROS, 3);
    /** When a request went out after it was due (the generator's own delay, included in the latency). */
    final Recorder sendLagMicros = new Recorder(HIGHEST_MICROS, 3);
    final Recorder grpcLatencyMicros = new Recorder(HIGHEST_MICROS, 3);
    /** HTTP requests that ended: answered, or failed with their connection. */
    final LongAdder httpRequests = new LongAdder();
    final LongAdder non200 = new LongAdder();
    final LongAdder unparseable = new LongAdder();
    /** Requests in flight on a connection that broke. */
    final LongAdder transportErrors = new LongAdder();
    final LongAdder connectionsLost = new LongAdder();
    final LongAdder grpcCalls = new LongAdder();
    final LongAdder grpcErrors = new LongAdder();
    private final AtomicInteger problemCount = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();

    /** Cumulative counts at one moment. */
    record Counts(long httpRequests, long httpErrors, long grpcCalls, long grpcErrors) {
        static final Counts ZERO = new Counts(0, 0, 0, 0);

        Counts minus(Counts earlier) {
            return new Counts(httpRequests - earlier.httpRequests, httpErrors - earlier.httpErrors,
                    grpcCalls - earlier.grpcCalls, grpcErrors - earlier.grpcErrors);
        }
    }

    /**
     * Errors are read before requests, and writers count a request before its error: so a window never
     * holds an error whose request falls into the next one.
     */
    Counts counts() {
        long errors = non200.sum() + unparseable.sum() + transportErrors.sum();
        long requests = httpRequests.sum();
        long failedCalls = grpcErrors.sum();
        return new Counts(requests, errors, grpcCalls.sum(), failedCalls);
    }

    /** Keeps the first few problem descriptions for the summary; the rest are only counted. */
    void problem(String description) {
        if (problemCount.getAndIncrement() < PROBLEMS_KEPT) {
            synchronized (problems) {
                problems.add(description);
            }
        }
    }

    int problemCount() {
        return problemCount.get();
    }

    List<String> firstProblems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Nanoseconds to the histograms' microseconds, clamped to their range. */
    static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000));
    }
}
