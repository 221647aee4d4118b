package io.idmint.node;

import io.idmint.core.GeneratorClosedException;
import io.idmint.core.IdGenerationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * IDs of the form {@code <node_id>-<counter>}, the counter from 0 per node: the style of the seed's sample
 * transcript ({@code "id":"n1-0"}). Unique across nodes because node IDs are; across restarts of one node
 * only with a state directory, where the counter reserves blocks ahead ({@value #BLOCK} at a time, written
 * and synced before any is used) and a restart continues after the reservation. Without one, a restarted
 * node starts at 0 again, as in Maelstrom's harness, where nodes never restart. Not thread-safe: the node
 * handles one request at a time.
 */
public final class CounterIds implements AutoCloseable {
    static final long BLOCK = 10_000;

    private final String prefix;
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long next;
    private long reservedUntil;

    private CounterIds(String nodeId, Path file, FileChannel lockChannel, FileLock lock, long start) {
        this.prefix = nodeId + "-";
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.next = start;
        this.reservedUntil = start;
    }

    /** Counters of {@code nodeId} kept only in memory: a restart begins at 0 again. */
    public static CounterIds inMemory(String nodeId) {
        return new CounterIds(nodeId, null, null, null, 0);
    }

    /**
     * Counters of {@code nodeId} whose reservation lives in {@code stateDir}, locked against a second
     * process serving the same node from the same directory.
     *
     * @throws IdGenerationException (retry later) when another process holds the node's file
     */
    public static CounterIds persistent(String nodeId, Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve("counter-" + nodeId + ".txt");
            FileChannel channel = FileChannel.open(stateDir.resolve("counter-" + nodeId + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IdGenerationException("another process serves node " + nodeId + " from " + stateDir
                        + ": its counter file is locked");
            }
            long start = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0;
            return new CounterIds(nodeId, file, channel, lock, start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the counter of node " + nodeId + " in " + stateDir, e);
        }
    }

    /** The next ID's text. */
    public String next() {
        if (next >= reservedUntil) {
            reserve(next + BLOCK);
        }
        return prefix + next++;
    }

    private void reserve(long until) {
        if (file == null) {
            reservedUntil = until;
            return;
        }
        if (lock == null || !lock.isValid()) {
            throw new GeneratorClosedException("the counter of " + prefix + "* is closed");
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap((until + "\n").getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            reservedUntil = until;
        } catch (IOException e) {
            throw new IdGenerationException("cannot reserve counters of " + prefix + "* in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stores the exact next counter, so a restart continues without a gap, and releases the lock. */
    @Override
    public void close() {
        if (lock == null || !lock.isValid()) {
            return;
        }
        reserve(next);
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
