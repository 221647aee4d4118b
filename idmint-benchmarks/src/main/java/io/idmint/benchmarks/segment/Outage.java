package io.idmint.benchmarks.segment;

import io.idmint.segment.SegmentGenerator;
import io.idmint.testkit.Postgres;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The database outage of the {@code outage} scenario: once half the IDs are issued, PostgreSQL is killed
 * ({@code kill -9} through the test kit), left down for the configured time, and started again on the same data
 * and port. Workers read {@link #stopped} on every ID (a volatile read: a plain load on x86) and note, from then
 * on, which IDs still came from the buffer ({@code <= bufferMax}) and when the first ID of a segment taken after
 * the restart arrived. All times are {@link System#nanoTime()}.
 */
final class Outage implements Runnable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Postgres postgres;
    private final SegmentGenerator generator;
    private final long triggerIds;
    private final long outageNanos;
    private List<LoadWorker> workers = List.of();

    /** Set once the kill is about to happen; never reset. */
    volatile boolean stopped;
    /** The highest ID buffered when the database died; IDs above it came from a segment taken after the restart. */
    volatile long bufferMax = Long.MAX_VALUE;
    volatile long stoppedAt;
    volatile long killedAt;
    volatile long restartedAt;
    volatile long bufferedAtStop = -1;
    volatile Throwable failure;

    private Outage(Postgres postgres, SegmentGenerator generator, long triggerIds, long outageMillis) {
        this.postgres = postgres;
        this.generator = generator;
        this.triggerIds = triggerIds;
        this.outageNanos = TimeUnit.MILLISECONDS.toNanos(outageMillis);
    }

    /** An outage that never happens: what the other scenarios' workers read. */
    static Outage none() {
        return new Outage(null, null, Long.MAX_VALUE, 0);
    }

    static Outage of(Postgres postgres, SegmentGenerator generator, long triggerIds, long outageMillis) {
        return new Outage(postgres, generator, triggerIds, outageMillis);
    }

    boolean planned() {
        return postgres != null;
    }

    /** Starts the controller thread, which watches {@code workers}' progress. */
    Thread start(List<LoadWorker> watched) {
        this.workers = watched;
        Thread t = new Thread(this, "outage");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            if (!awaitTrigger()) {
                return;
            }
            stoppedAt = System.nanoTime();
            stopped = true;
            long buffered = remaining(generator.details());
            postgres.kill9();
            killedAt = System.nanoTime();
            // Read after the kill: a fetch that completed just before it is part of the buffer; none can come now.
            bufferMax = highest(generator.details());
            bufferedAtStop = buffered;
            long sleep = stoppedAt + outageNanos - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            postgres.start();
            restartedAt = System.nanoTime();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Waits until the workers together issued {@code triggerIds}; false if they all ended first. */
    private boolean awaitTrigger() throws InterruptedException {
        while (true) {
            long issued = 0;
            boolean anyRunning = false;
            for (LoadWorker w : workers) {
                issued += w.progress();
                anyRunning |= !w.done();
            }
            if (issued >= triggerIds) {
                return true;
            }
            if (!anyRunning) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        }
    }

    /** IDs left in the current and next segment, from the generator's details. */
    private static long remaining(Map<String, Object> d) {
        return Math.max(0, number(d.get("current"), "remaining")) + Math.max(0, number(d.get("next"), "remaining"));
    }

    /** The highest ID of the current and next segment ({@link Long#MAX_VALUE} if the details do not say). */
    private static long highest(Map<String, Object> d) {
        long max = Math.max(number(d.get("current"), "last"), number(d.get("next"), "last"));
        return max < 0 ? Long.MAX_VALUE : max;
    }

    private static long number(Object segment, String key) {
        if (segment instanceof Map<?, ?> m && m.get(key) instanceof Number n) {
            return n.longValue();
        }
        return -1;
    }
}
