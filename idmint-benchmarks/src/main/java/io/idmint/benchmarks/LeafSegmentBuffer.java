package io.idmint.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A reference written after Meituan Leaf's segment mode ({@code SegmentIDGenImpl.getIdFromSegmentBuffer} and
 * {@code SegmentBuffer}): two segments, each an {@link AtomicLong} cursor below a {@code max}; a
 * {@link ReentrantReadWriteLock} whose read lock every ID takes and whose write lock guards the switch; one
 * background load of the next segment once 10 % of the current one is used; callers that find both used up
 * spin (up to 10,000 times, then sleep 10 ms) while a load runs.
 *
 * <p>Kept as Leaf has it, because the point is to measure Leaf's design: the read lock per ID stays. Left out,
 * because they are Leaf's service around the buffer rather than the buffer: the {@code Result} object per ID
 * (a long is returned), the {@code ConcurrentHashMap} lookup of the biz tag, the adaptive step (the step is
 * fixed here, as for the other generators of {@link SegmentBenchmark}). The database is an {@link AtomicLong}
 * standing for {@code leaf_alloc.max_id}.
 */
final class LeafSegmentBuffer implements AutoCloseable {
    private static final int SPIN_ROLLS = 10_000;

    /** Leaf's {@code Segment}: IDs {@code [max - step, max)}, handed out by {@code value.getAndIncrement()}. */
    private static final class Segment {
        final AtomicLong value = new AtomicLong();
        volatile long max;
        volatile long step;

        long idle() {
            return max - value.get();
        }
    }

    private final Segment[] segments = {new Segment(), new Segment()};
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean threadRunning = new AtomicBoolean();
    private final AtomicLong maxId = new AtomicLong(1);
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leaf-segment-update");
        t.setDaemon(true);
        return t;
    });
    private final int step;
    private volatile int currentPos;
    private volatile boolean nextReady;

    LeafSegmentBuffer(int step) {
        this.step = step;
        load(segments[0]); // Leaf's initOk path: the first segment is loaded by the first caller, synchronously
    }

    /** One ID, as {@code getIdFromSegmentBuffer} issues it. */
    long next() {
        while (true) {
            long value = fromCurrent();
            if (value >= 0) {
                return value;
            }
            waitWhileLoading();
            value = switchSegments();
            if (value >= 0) {
                return value;
            }
        }
    }

    /** Under the read lock: starts the load of the next segment when due, and takes from the current one; -1 when used up. */
    private long fromCurrent() {
        lock.readLock().lock();
        try {
            Segment segment = segments[currentPos];
            if (!nextReady && segment.idle() < 0.9 * segment.step && threadRunning.compareAndSet(false, true)) {
                loader.execute(this::loadNext);
            }
            long value = segment.value.getAndIncrement();
            return value < segment.max ? value : -1;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Under the write lock: one more try on the current segment, else the switch to the loaded one; -1 to retry. */
    private long switchSegments() {
        lock.writeLock().lock();
        try {
            Segment segment = segments[currentPos];
            long value = segment.value.getAndIncrement();
            if (value < segment.max) {
                return value;
            }
            if (!nextReady) {
                // Leaf answers EXCEPTION_ID_TWO_SEGMENTS_ARE_NULL here; in memory a load takes microseconds, so
                // reaching this means the benchmark measures something else than the buffer: fail loudly.
                throw new IllegalStateException("both Leaf-style segments are used up and no load is ready");
            }
            currentPos = 1 - currentPos;
            nextReady = false;
            return -1;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void waitWhileLoading() {
        int roll = 0;
        while (threadRunning.get()) {
            if (++roll > SPIN_ROLLS) {
                try {
                    TimeUnit.MILLISECONDS.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    /** The background load: fills the other segment, then marks it ready under the write lock. */
    private void loadNext() {
        try {
            load(segments[1 - currentPos]);
            lock.writeLock().lock();
            try {
                nextReady = true;
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            threadRunning.set(false);
        }
    }

    /** Leaf's {@code updateSegmentFromDb}: {@code max_id = max_id + step}, the segment is the step below it. */
    private void load(Segment segment) {
        long max = maxId.addAndGet(step);
        segment.value.set(max - step);
        segment.max = max;
        segment.step = step;
    }

    @Override
    public void close() {
        loader.shutdownNow();
    }
}
