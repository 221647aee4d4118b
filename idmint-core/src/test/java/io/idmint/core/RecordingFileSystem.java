package io.idmint.core;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default file system seen through a recorder: every file operation a {@link FileHighWaterMarkStore}
 * makes (open, write, force, close, move, lock) is logged as one line, with the file's name, so a test
 * can check the durability protocol (write the temp file, force it, rename it, force the directory) and
 * that no channel is left open. Faults can be injected into {@code tryLock}. Files live on the real disk
 * under whatever real directory the test wraps.
 */
final class RecordingFileSystem extends FileSystem {
    private final FileSystem real = FileSystems.getDefault();
    private final Provider provider = new Provider();
    private final List<String> events = new ArrayList<>();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    /** When set, the next {@code tryLock} on a file of this name throws it. */
    volatile IOException failTryLockWith;
    /** When set, {@code tryLock} returns null, as when another process holds the lock. */
    volatile boolean lockHeldElsewhere;

    /** {@code realPath} on this file system. */
    Path wrap(Path realPath) {
        return realPath == null ? null : new WrappedPath(realPath);
    }

    synchronized List<String> events() {
        return new ArrayList<>(events);
    }

    synchronized void clearEvents() {
        events.clear();
    }

    /** Names of the files whose channels are open now. */
    List<String> openChannels() {
        List<String> names = new ArrayList<>();
        for (Channel c : open) {
            names.add(c.name);
        }
        return names;
    }

    private synchronized void record(String event) {
        events.add(event);
    }

    private static Path unwrap(Path p) {
        return p instanceof WrappedPath ? ((WrappedPath) p).path : p;
    }

    private static String name(Path p) {
        Path fileName = unwrap(p).getFileName();
        return fileName == null ? unwrap(p).toString() : fileName.toString();
    }

    @Override public FileSystemProvider provider() { return provider; }
    @Override public void close() {}
    @Override public boolean isOpen() { return true; }
    @Override public boolean isReadOnly() { return false; }
    @Override public String getSeparator() { return real.getSeparator(); }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        real.getRootDirectories().forEach(r -> roots.add(wrap(r)));
        return roots;
    }

    @Override public Iterable<FileStore> getFileStores() { return real.getFileStores(); }
    @Override public Set<String> supportedFileAttributeViews() { return real.supportedFileAttributeViews(); }
    @Override public Path getPath(String first, String... more) { return wrap(real.getPath(first, more)); }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = real.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(unwrap(p));
    }

    @Override public UserPrincipalLookupService getUserPrincipalLookupService() { return real.getUserPrincipalLookupService(); }
    @Override public WatchService newWatchService() { throw new UnsupportedOperationException(); }

    private final class WrappedPath implements Path {
        final Path path;

        WrappedPath(Path path) {
            this.path = path;
        }

        @Override public FileSystem getFileSystem() { return RecordingFileSystem.this; }
        @Override public boolean isAbsolute() { return path.isAbsolute(); }
        @Override public Path getRoot() { return wrap(path.getRoot()); }
        @Override public Path getFileName() { return wrap(path.getFileName()); }
        @Override public Path getParent() { return wrap(path.getParent()); }
        @Override public int getNameCount() { return path.getNameCount(); }
        @Override public Path getName(int index) { return wrap(path.getName(index)); }
        @Override public Path subpath(int beginIndex, int endIndex) { return wrap(path.subpath(beginIndex, endIndex)); }
        @Override public boolean startsWith(Path other) { return path.startsWith(unwrap(other)); }
        @Override public boolean endsWith(Path other) { return path.endsWith(unwrap(other)); }
        @Override public Path normalize() { return wrap(path.normalize()); }
        @Override public Path resolve(Path other) { return wrap(path.resolve(unwrap(other))); }
        @Override public Path relativize(Path other) { return wrap(path.relativize(unwrap(other))); }
        @Override public URI toUri() { return path.toUri(); }
        @Override public Path toAbsolutePath() { return wrap(path.toAbsolutePath()); }
        @Override public Path toRealPath(LinkOption... options) throws IOException { return wrap(path.toRealPath(options)); }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException();
        }

        @Override public int compareTo(Path other) { return path.compareTo(unwrap(other)); }
        @Override public boolean equals(Object o) { return o instanceof WrappedPath && ((WrappedPath) o).path.equals(path); }
        @Override public int hashCode() { return path.hashCode(); }
        @Override public String toString() { return path.toString(); }
    }

    private final class Provider extends FileSystemProvider {
        private final FileSystemProvider realProvider = real.provider();

        @Override public String getScheme() { return "recording"; }
        @Override public FileSystem newFileSystem(URI uri, Map<String, ?> env) { throw new UnsupportedOperationException(); }
        @Override public FileSystem getFileSystem(URI uri) { return RecordingFileSystem.this; }
        @Override public Path getPath(URI uri) { return wrap(realProvider.getPath(uri)); }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            FileChannel channel = realProvider.newFileChannel(unwrap(path), options, attrs);
            String mode = options.contains(StandardOpenOption.WRITE) ? "write" : "read";
            record("open " + name(path) + " for " + mode);
            Channel c = new Channel(channel, name(path));
            open.add(c);
            return c;
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            return realProvider.newByteChannel(unwrap(path), options, attrs);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
            DirectoryStream<Path> stream = realProvider.newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> it = stream.iterator();
                    return new Iterator<>() {
                        @Override public boolean hasNext() { return it.hasNext(); }
                        @Override public Path next() { return wrap(it.next()); }
                    };
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            realProvider.createDirectory(unwrap(dir), attrs);
            record("create directory " + name(dir));
        }

        @Override public void delete(Path path) throws IOException { realProvider.delete(unwrap(path)); }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            realProvider.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            realProvider.move(unwrap(source), unwrap(target), options);
            record("move " + name(source) + " to " + name(target));
        }

        @Override public boolean isSameFile(Path path, Path path2) throws IOException { return realProvider.isSameFile(unwrap(path), unwrap(path2)); }
        @Override public boolean isHidden(Path path) throws IOException { return realProvider.isHidden(unwrap(path)); }
        @Override public FileStore getFileStore(Path path) throws IOException { return realProvider.getFileStore(unwrap(path)); }
        @Override public void checkAccess(Path path, AccessMode... modes) throws IOException { realProvider.checkAccess(unwrap(path), modes); }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return realProvider.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
            return realProvider.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
            return realProvider.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            realProvider.setAttribute(unwrap(path), attribute, value, options);
        }
    }

    /** A real file channel that records writes, forces, locks and its close. */
    private final class Channel extends FileChannel {
        private final FileChannel channel;
        final String name;

        Channel(FileChannel channel, String name) {
            this.channel = channel;
            this.name = name;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            record("write " + name);
            return channel.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            record("write " + name);
            return channel.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            record("write " + name);
            return channel.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            record("force " + name + (metaData ? " with metadata" : ""));
            channel.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            record("tryLock " + name);
            IOException failure = failTryLockWith;
            if (failure != null) {
                failTryLockWith = null;
                throw failure;
            }
            if (lockHeldElsewhere) {
                return null;
            }
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            record("close " + name);
            open.remove(this);
            channel.close();
        }

        @Override public int read(ByteBuffer dst) throws IOException { return channel.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return channel.read(dsts, offset, length); }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return channel.read(dst, position); }
        @Override public long position() throws IOException { return channel.position(); }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override public long size() throws IOException { return channel.size(); }

        @Override
        public FileChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return channel.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return channel.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return channel.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            record("lock " + name);
            return channel.lock(position, size, shared);
        }
    }
}
