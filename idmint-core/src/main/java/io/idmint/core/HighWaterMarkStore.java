package io.idmint.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Durable storage of one worker's {@link HighWaterMark}. A generator writes a reservation ahead of the
 * clock (one write per reservation window, not one per ID) and, on close, the exact last timestamp it
 * used.
 */
public interface HighWaterMarkStore extends AutoCloseable {
    /** The stored mark, or empty when none was ever written. */
    Optional<HighWaterMark> load();

    /** Replaces the stored mark atomically and durably before returning. */
    void store(HighWaterMark mark);

    /** Where the mark lives, for messages. */
    String location();

    @Override
    void close();

    /**
     * A file store: atomic replace (temp file, fsync, rename, fsync of the directory), and an exclusive
     * lock held until {@link #close()}, so a second process configured with the same worker and state
     * directory fails at start instead of issuing duplicates.
     *
     * @throws IdGenerationException when another process holds the lock
     */
    static HighWaterMarkStore file(Path file) {
        return FileHighWaterMarkStore.open(file);
    }
}
