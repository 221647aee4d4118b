package io.idmint.segment;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One biz tag's counter in memory, with the stores' semantics ({@code GREATEST(next, floor) + step}), for tests
 * that inject what a real server cannot be made to throw: each {@link #failNextTake} is thrown by one take.
 */
final class MemoryStore implements SegmentStore {
    final AtomicLong next = new AtomicLong();
    final AtomicInteger closes = new AtomicInteger();
    private volatile Supplier<? extends Throwable> failNextTake;

    MemoryStore startingAt(long value) {
        next.set(value);
        return this;
    }

    void failNextTake(Supplier<? extends Throwable> failure) {
        this.failNextTake = failure;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public int stride() {
        return 1;
    }

    @Override
    public int remainder() {
        return 0;
    }

    @Override
    public long take(String bizTag, int step, long floor) {
        Supplier<? extends Throwable> failure = failNextTake;
        if (failure != null) {
            failNextTake = null;
            sneakyThrow(failure.get());
        }
        return next.updateAndGet(n -> Math.addExact(Math.max(n, floor), step));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public boolean giveBack(String bizTag, long expectedNext, long restoredNext) {
        return next.compareAndSet(expectedNext, restoredNext);
    }

    @Override
    public boolean createKey(String bizTag, int step, String description, long firstValue) {
        return next.compareAndSet(0, firstValue);
    }

    @Override
    public Optional<SegmentKey> key(String bizTag) {
        return Optional.empty();
    }

    @Override
    public List<SegmentKey> keys() {
        return List.of();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
