package io.idmint.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A double buffer of IDs. The fast path is one volatile read and one getAndIncrement on the active
 * buffer: each index is claimed by exactly one thread, so no ID is handed out twice and none is
 * skipped. When the active buffer's remainder drops below the low-water mark, the refill thread fetches
 * the standby buffer; the thread that finds the active buffer exhausted swaps the standby in under a
 * lock, waiting at most {@code maxWait} for it.
 */
final class IdPool {
    private static final long MIN_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final BatchSource source;
    private final double lowWaterMark;
    private final long maxWaitNanos;
    private final ScheduledExecutorService refiller;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition standbyArrived = lock.newCondition();
    private volatile Buffer active = Buffer.empty();
    private Buffer standby; // the rest guarded by lock
    private boolean refilling;
    private boolean closed;
    private int failures;
    private RuntimeException lastFailure;

    /** {@code refiller} must be single-threaded: the source is called from one thread at a time. */
    IdPool(BatchSource source, double lowWaterMark, Duration maxWait, ScheduledExecutorService refiller) {
        this.source = source;
        this.lowWaterMark = lowWaterMark;
        this.maxWaitNanos = maxWait.toNanos();
        this.refiller = refiller;
    }

    long next() {
        long deadline = 0;
        boolean waited = false;
        while (true) {
            Buffer b = active;
            int i = b.next.getAndIncrement();
            if (i < b.ids.length) {
                if (i == b.refillAt) {
                    requestRefill();
                }
                return b.ids[i];
            }
            // A real buffer ran out: the pool had IDs moments ago, so the full wait starts now. An empty
            // placeholder means the pool was already dry: keep the wait this call has started.
            if (b.ids.length > 0 || !waited) {
                deadline = System.nanoTime() + maxWaitNanos;
                waited = true;
            }
            awaitSwap(b, deadline);
        }
    }

    /** Starts fetching the standby buffer unless it is full or already on its way. */
    void requestRefill() {
        lock.lock();
        try {
            startRefillLocked();
        } finally {
            lock.unlock();
        }
    }

    private void awaitSwap(Buffer exhausted, long deadline) {
        lock.lock();
        try {
            while (active == exhausted) {
                if (closed) {
                    throw new IdClientException("IdClient is closed (servers " + source.describe() + ")");
                }
                if (standby != null) {
                    active = standby;
                    standby = null;
                    return;
                }
                startRefillLocked();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // A fresh placeholder, so no buffer's index counter grows without bound while dry.
                    active = Buffer.empty();
                    throw dry();
                }
                standbyArrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdClientException("interrupted while waiting for IDs from " + source.describe(), e);
        } finally {
            lock.unlock();
        }
    }

    private IdClientException dry() {
        String why = lastFailure != null ? lastFailure.getMessage()
                : "no GenerateBatch reply yet from " + source.describe();
        return new IdClientException("no ID available within " + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos)
                + " ms (maxWaitWhenEmpty): the local pool is empty; " + why, lastFailure);
    }

    private void startRefillLocked() {
        if (!refilling && standby == null && !closed) {
            refilling = true;
            schedule(0);
        }
    }

    private void schedule(long delayMillis) {
        try {
            refiller.schedule(this::refill, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: the refill thread is gone and nobody needs the batch.
        }
    }

    /** On the refill thread: one fetch; on failure it schedules the next try with exponential backoff. */
    private void refill() {
        long[] ids;
        try {
            ids = source.fetch();
        } catch (RuntimeException e) {
            refillFailed(e);
            return;
        }
        lock.lock();
        try {
            refilling = false;
            failures = 0;
            lastFailure = null;
            if (!closed) {
                standby = new Buffer(ids, refillAt(ids.length));
                standbyArrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void refillFailed(RuntimeException e) {
        long delay;
        lock.lock();
        try {
            lastFailure = e;
            failures++;
            delay = Math.min(MAX_BACKOFF_MILLIS, MIN_BACKOFF_MILLIS << Math.min(failures - 1, 10));
            if (closed) {
                return;
            }
        } finally {
            lock.unlock();
        }
        schedule(delay); // still refilling: no one else may start a second fetch meanwhile
    }

    /** The index whose taking leaves fewer than lowWaterMark * length IDs in the buffer. */
    private int refillAt(int length) {
        int keep = (int) Math.ceil(lowWaterMark * length);
        return Math.max(0, Math.min(length - 1, length - keep));
    }

    /** Drops both buffers; waiting and later callers get {@link IdClientException}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            standby = null;
            active = Buffer.empty();
            standbyArrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One fetched batch; {@code next} is the index the next caller claims. */
    private static final class Buffer {
        private static final long[] NONE = new long[0];

        final long[] ids;
        final int refillAt;
        final AtomicInteger next = new AtomicInteger();

        Buffer(long[] ids, int refillAt) {
            this.ids = ids;
            this.refillAt = refillAt;
        }

        static Buffer empty() {
            return new Buffer(NONE, -1);
        }
    }
}
