package io.idmint.benchmarks;

import io.idmint.segment.SegmentKey;
import io.idmint.segment.SegmentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SegmentStore} in memory, one {@link AtomicLong} per biz tag holding the next value not handed out
 * (stride 1): what {@link SegmentBenchmark} puts under idmint's segment generator so that it, CosId's
 * {@code IdSegmentDistributor.Atomic} and the Leaf-style buffer all measure their buffers, not a database.
 *
 * <p>It keeps the contract of the interface that matters to the generator: {@link #take} moves the next value
 * past the segment in one atomic step, so two segments never overlap; {@link #giveBack} is a compare-and-set.
 * Written here because idmint-segment's stores are package-private; the interface is public.
 */
final class MemorySegmentStore implements SegmentStore {
    private final ConcurrentHashMap<String, AtomicLong> next = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> steps = new ConcurrentHashMap<>();

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
        createKey(bizTag, step, "", 1);
        AtomicLong cursor = next.get(bizTag);
        for (;;) {
            long current = cursor.get();
            long end = Math.max(current, floor) + step;
            if (cursor.compareAndSet(current, end)) {
                return end;
            }
        }
    }

    @Override
    public boolean giveBack(String bizTag, long expectedNext, long restoredNext) {
        AtomicLong cursor = next.get(bizTag);
        return cursor != null && cursor.compareAndSet(expectedNext, restoredNext);
    }

    @Override
    public boolean createKey(String bizTag, int step, String description, long firstValue) {
        SegmentStore.checkBizTag(bizTag);
        SegmentStore.checkStep("step", step);
        boolean created = next.putIfAbsent(bizTag, new AtomicLong(Math.max(1, firstValue))) == null;
        if (created) {
            steps.put(bizTag, step);
        }
        return created;
    }

    @Override
    public Optional<SegmentKey> key(String bizTag) {
        AtomicLong cursor = next.get(bizTag);
        if (cursor == null) {
            return Optional.empty();
        }
        return Optional.of(new SegmentKey(bizTag, cursor.get(), steps.getOrDefault(bizTag, 1), 1, 0, "", Instant.now()));
    }

    @Override
    public List<SegmentKey> keys() {
        List<SegmentKey> all = new ArrayList<>();
        for (String tag : next.keySet()) {
            key(tag).ifPresent(all::add);
        }
        return all;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
