package io.idmint.core;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store whose mark outlives the generator that wrote it, so a test can "crash" a generator (drop it
 * without {@code close()}) and start a new incarnation on the same mark.
 */
class MemoryHighWaterMarkStore implements HighWaterMarkStore {
    final AtomicReference<HighWaterMark> mark;
    int writes;

    MemoryHighWaterMarkStore(AtomicReference<HighWaterMark> mark) {
        this.mark = mark;
    }

    @Override
    public Optional<HighWaterMark> load() {
        return Optional.ofNullable(mark.get());
    }

    @Override
    public synchronized void store(HighWaterMark m) {
        writes++;
        mark.set(m);
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public void close() {}
}
