package io.idmint.benchmarks.segment;

import java.util.List;

/**
 * The outage as the workers lived it, in milliseconds after the stop (the instant before {@code kill -9}); -1
 * where it did not happen (no refusal, no resumption seen).
 *
 * @param bufferedAtStop IDs left in the current and next segment at the stop (read just before the kill)
 * @param bufferMax the highest ID the generator held once the database was gone (read just after the kill)
 * @param servedFromBuffer IDs issued after the stop from those segments
 * @param lastBufferedMs when the last of them was issued
 * @param firstRefusalMs when the first "retry later" came
 * @param lastRefusalMs when the last came
 * @param refusals how many, all threads
 * @param killMs when the kill had taken effect (the postmaster and its backends gone)
 * @param restartedMs when PostgreSQL accepted connections again (crash recovery included)
 * @param resumedMs when the first ID from a segment taken after the restart was issued
 */
record OutageReport(long bufferedAtStop, long bufferMax, long servedFromBuffer, double lastBufferedMs, double firstRefusalMs,
                    double lastRefusalMs, long refusals, double killMs, double restartedMs, double resumedMs) {

    static OutageReport of(Outage o, List<LoadWorker> workers) {
        long stop = o.stoppedAt;
        long served = 0;
        long refusals = 0;
        long lastBuffered = 0;
        long firstRefusal = 0;
        long lastRefusal = 0;
        long resumed = 0;
        for (LoadWorker w : workers) {
            served += w.servedFromBuffer(o.bufferMax);
            refusals += w.refusals;
            lastBuffered = Math.max(lastBuffered, w.lastBufferedAt);
            lastRefusal = Math.max(lastRefusal, w.lastRefusalAt);
            firstRefusal = earliest(firstRefusal, w.firstRefusalAt);
            resumed = earliest(resumed, w.resumedAt);
        }
        return new OutageReport(o.bufferedAtStop, o.bufferMax, served, ms(stop, lastBuffered), ms(stop, firstRefusal),
                ms(stop, lastRefusal), refusals, ms(stop, o.killedAt), ms(stop, o.restartedAt), ms(stop, resumed));
    }

    /** The earlier of two nanoTime readings, 0 meaning "none". */
    private static long earliest(long a, long b) {
        if (a == 0) {
            return b;
        }
        return b == 0 ? a : Math.min(a, b);
    }

    private static double ms(long stop, long at) {
        return stop == 0 || at == 0 ? -1 : (at - stop) / 1e6;
    }
}
