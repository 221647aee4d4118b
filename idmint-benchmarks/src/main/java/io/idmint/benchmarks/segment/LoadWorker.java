package io.idmint.benchmarks.segment;

import io.idmint.core.FailureKind;
import io.idmint.core.IdGenerationException;
import io.idmint.core.issuing.BatchSize;
import io.idmint.segment.SegmentGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One load thread: {@code count} single-ID calls, {@code issue(long[1], 0, BatchSize.ONE)}, one after the other,
 * each ID kept in {@link #ids} (the evidence for the uniqueness check; allocated before the start, so the
 * pages are touched outside the measurement).
 *
 * <p>A "retry later" answer ({@link FailureKind#RETRY_LATER}) is counted and the call repeated at once, as a
 * client that must have the ID would. Any other failure ends the worker.
 *
 * <p>Timed passes record, per ID, the time from the end of the previous ID's call (or the start) to the end
 * of this one, refused attempts included: one {@link System#nanoTime()} per ID instead of two, so the figure
 * also holds this loop's own bookkeeping (an array store, a histogram record, a volatile read), which
 * {@link #calibrate} measures alone.
 */
final class LoadWorker implements Runnable {
    static final long MAX_RECORDED_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A thread refused for this long without one ID gives up, so a database that never comes back ends the run. */
    static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int PROGRESS_MASK = (1 << 16) - 1;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final SegmentGenerator generator;
    private final int count;
    private final boolean timed;
    private final Outage outage;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final AtomicLong progress = new AtomicLong();
    private volatile boolean done;

    final long[] ids;
    final Histogram latency;
    /** How many IDs this worker received (all of them unless it failed). */
    int issued;
    long refusals;
    /** When the current run of refusals began; 0 after a success. */
    private long refusedSince;
    long firstRefusalAt;
    long lastRefusalAt;
    /** The first index issued after this worker saw the outage begin; -1 if it never did. */
    int stopIndex = -1;
    long lastBufferedAt;
    long resumedAt;
    long cpuNanos;
    Throwable failure;

    LoadWorker(SegmentGenerator generator, int count, boolean timed, Outage outage, CountDownLatch ready, CountDownLatch go) {
        this.generator = generator;
        this.count = count;
        this.timed = timed;
        this.outage = outage;
        this.ready = ready;
        this.go = go;
        this.ids = new long[count];
        this.latency = timed ? new Histogram(MAX_RECORDED_NANOS, 3) : null;
    }

    long progress() {
        return progress.get();
    }

    boolean done() {
        return done;
    }

    @Override
    public void run() {
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        try {
            ready.countDown();
            go.await();
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
            if (timed) {
                runTimed();
            } else {
                runUntimed();
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            done = true;
        }
    }

    private void runTimed() {
        long[] one = new long[1];
        long begin = System.nanoTime();
        int i = 0;
        try {
            while (i < count) {
                if (!issue(one)) {
                    continue; // refused: this ID's wait goes on
                }
                long now = System.nanoTime();
                ids[i] = one[0];
                latency.recordValue(Math.min(now - begin, MAX_RECORDED_NANOS));
                if (outage.stopped) {
                    afterStop(i, one[0], now);
                }
                begin = now;
                if ((++i & PROGRESS_MASK) == 0) {
                    progress.lazySet(i);
                }
            }
        } finally {
            issued = i;
            progress.set(i);
        }
    }

    private void runUntimed() {
        long[] one = new long[1];
        int i = 0;
        try {
            while (i < count) {
                if (!issue(one)) {
                    continue;
                }
                ids[i] = one[0];
                if (outage.stopped) {
                    afterStop(i, one[0], System.nanoTime());
                }
                if ((++i & PROGRESS_MASK) == 0) {
                    progress.lazySet(i);
                }
            }
        } finally {
            issued = i;
            progress.set(i);
        }
    }

    /** One call; false when refused with "retry later" (counted), any other failure thrown. */
    private boolean issue(long[] one) {
        try {
            generator.issue(one, 0, BatchSize.ONE);
            if (refusedSince != 0) {
                refusedSince = 0;
            }
            return true;
        } catch (IdGenerationException e) {
            if (e.kind() != FailureKind.RETRY_LATER) {
                throw e;
            }
            refused(System.nanoTime(), e);
            return false;
        }
    }

    private void refused(long now, IdGenerationException e) {
        if (refusals++ == 0) {
            firstRefusalAt = now;
        }
        lastRefusalAt = now;
        if (refusedSince == 0) {
            refusedSince = now;
        } else if (now - refusedSince > GIVE_UP_NANOS || outage.failure != null) {
            throw new IllegalStateException("no ID for " + TimeUnit.NANOSECONDS.toSeconds(now - refusedSince) + " s"
                    + (outage.failure != null ? " and the outage controller failed: " + outage.failure : ""), e);
        }
    }

    /** The IDs received: all of {@link #ids} unless the worker failed part way. */
    long[] issuedIds() {
        return issued == count ? ids : Arrays.copyOf(ids, issued);
    }

    /** After the database went down: from the buffer ({@code <= bufferMax}) or from a segment taken after the restart. */
    private void afterStop(int index, long id, long now) {
        if (stopIndex < 0) {
            stopIndex = index;
        }
        if (id <= outage.bufferMax) {
            lastBufferedAt = now;
        } else if (resumedAt == 0) {
            resumedAt = now;
        }
    }

    /** IDs issued after the worker saw the stop that were at or below the buffer's top: served from the buffer. */
    long servedFromBuffer(long bufferMax) {
        if (stopIndex < 0) {
            return 0;
        }
        long n = 0;
        for (int i = stopIndex; i < issued; i++) {
            n += ids[i] <= bufferMax ? 1 : 0;
        }
        return n;
    }

    /**
     * What recording costs: the timed loop's bookkeeping without the call ({@code n} iterations of a clock read,
     * an array store, a histogram record, a volatile read). Returns {nanoseconds per iteration (wall), CPU
     * nanoseconds per iteration} and fills {@code into} with the recorded deltas.
     */
    static double[] calibrate(int n, Histogram into) {
        long[] sink = new long[n];
        Outage never = Outage.none();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long begin = start;
        for (int i = 0; i < n; i++) {
            long now = System.nanoTime();
            sink[i] = now;
            into.recordValue(Math.min(now - begin, MAX_RECORDED_NANOS));
            if (never.stopped) {
                throw new IllegalStateException("the calibration's outage never starts");
            }
            begin = now;
        }
        long wall = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (sink[n - 1] < sink[0]) {
            throw new IllegalStateException("nanoTime ran backwards"); // also keeps the stores alive
        }
        return new double[] {(double) wall / n, (double) cpu / n};
    }
}
