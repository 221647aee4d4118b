package io.idmint.core;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

final class FileHighWaterMarkStore implements HighWaterMarkStore {
    private static final String RESERVED = "reservedUntilMillis";
    private static final String WRITTEN = "writtenAtMillis";

    private final Path file;
    private final Path temp;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private FileHighWaterMarkStore(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static FileHighWaterMarkStore open(Path file) {
        Path absolute = file.toAbsolutePath();
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(lockFile, null);
            }
            return new FileHighWaterMarkStore(absolute, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(lockFile, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open high-water mark " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static IdGenerationException inUse(Path lockFile, Throwable cause) {
        return new IdGenerationException("another generator holds " + lockFile
                + ": two processes with the same worker ID would issue duplicates; give this one another worker"
                + " ID or state directory, or stop the other", cause);
    }

    @Override
    public Optional<HighWaterMark> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(new HighWaterMark(Long.parseLong(p.getProperty(RESERVED, "").trim()),
                    Long.parseLong(p.getProperty(WRITTEN, "").trim())));
        } catch (IOException | NumberFormatException e) {
            throw new IdGenerationException("high-water mark " + file + " is unreadable (" + e.getMessage()
                    + "); refusing to start: restore it, or delete it only if no earlier run of this worker"
                    + " issued IDs with timestamps ahead of the clock now", e);
        }
    }

    @Override
    public void store(HighWaterMark mark) {
        String text = "# idmint high-water mark: no ID of this worker carries a later timestamp\n"
                + RESERVED + "=" + mark.reservedUntilMillis() + "\n" + WRITTEN + "=" + mark.writtenAtMillis() + "\n";
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new IdGenerationException("cannot persist high-water mark " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the lock goes with the channel below either way
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
