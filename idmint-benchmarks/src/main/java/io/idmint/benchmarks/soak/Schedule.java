package io.idmint.benchmarks.soak;

import java.util.concurrent.TimeUnit;

/**
 * The open-loop request schedule, as wrk2 and {@code io.idmint.benchmarks.http.OpenLoopLoad} use it:
 * request {@code j} is due at {@code t0 + j / rate}, on connection {@code j mod C}. Fixed in advance, so
 * a stalled server cannot slow the load down, and each request's latency is measured from when it was
 * due: no coordinated omission.
 */
final class Schedule {
    /** How long after the schedule's end unanswered requests are waited for. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final double periodNanos;
    private final int connections;
    private final long durationNanos;
    private long t0;
    private long end;
    private long deadline;
    /** Set when the run is being torn down: a connection that closes now is not reconnected. */
    volatile boolean closing;

    Schedule(double ratePerSecond, int connections, long durationNanos) {
        this.periodNanos = 1e9 / ratePerSecond;
        this.connections = connections;
        this.durationNanos = durationNanos;
    }

    /** Called before any connection starts; the event loops see it through {@code execute}'s hand-off. */
    void begin(long startNanos) {
        t0 = startNanos;
        end = t0 + durationNanos;
        deadline = end + GRACE_NANOS;
    }

    long start() {
        return t0;
    }

    /** No request is due at or after this. */
    long end() {
        return end;
    }

    /** Requests not sent by this time are given up (counted as unanswered). */
    long deadline() {
        return deadline;
    }

    /** When the {@code k}-th request of {@code connection} is due. */
    long due(int connection, long k) {
        return t0 + (long) ((connection + (double) k * connections) * periodNanos);
    }

    /** How many requests the whole schedule holds. */
    long totalRequests() {
        long j = (long) Math.ceil(durationNanos / periodNanos);
        while (j > 0 && (long) ((j - 1) * periodNanos) >= durationNanos) {
            j--;
        }
        while ((long) (j * periodNanos) < durationNanos) {
            j++;
        }
        return j;
    }
}
