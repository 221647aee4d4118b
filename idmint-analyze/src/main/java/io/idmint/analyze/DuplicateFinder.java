package io.idmint.analyze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The exact duplicate check, by external sort: IDs gather in a {@code long[]} of at most {@code bufferIds}
 * entries (8 bytes each); a full buffer is sorted and written to a temporary run file; at the end the runs are
 * merged (at most {@value #FAN_IN} at a time, in several passes beyond that) and equal neighbours counted. Memory
 * is the buffer plus {@value #READ_BUFFER} bytes per run being merged, whatever the stream's length; disk is 8
 * bytes per ID. A stream that fits the buffer never touches the disk. Run files live in one temporary directory,
 * deleted by {@link #close()}.
 */
final class DuplicateFinder implements AutoCloseable {
    static final int FAN_IN = 64;
    static final int READ_BUFFER = 256 * 1024;
    private static final int INITIAL = 1 << 16;

    private final int bufferIds;
    private final Path tempParent;
    private long[] buf;
    private int n;
    private Path dir;
    private final List<Path> runs = new ArrayList<>();
    private long spilledBytes;
    private int passes;

    /** One value seen more than once, and how often. */
    record Duplicate(long id, long occurrences) {}

    /**
     * @param duplicates extra copies (an ID seen 3 times counts 2)
     * @param distinct IDs seen more than once
     * @param examples the first duplicated IDs in ascending order, at most as many as asked
     * @param runs sorted runs written to disk (0: the stream fit the buffer)
     * @param spilledBytes bytes written to run files, merge passes included
     */
    record Result(long duplicates, long distinct, List<Duplicate> examples, int runs, long spilledBytes, int mergePasses) {}

    DuplicateFinder(int bufferIds, Path tempParent) {
        if (bufferIds < 1024) {
            throw new IllegalArgumentException("the sort buffer must hold at least 1024 IDs: bufferIds=" + bufferIds);
        }
        this.bufferIds = bufferIds;
        this.tempParent = tempParent;
        this.buf = new long[Math.min(INITIAL, bufferIds)];
    }

    void add(long id) {
        if (n == buf.length) {
            if (buf.length < bufferIds) {
                buf = Arrays.copyOf(buf, (int) Math.min(bufferIds, buf.length * 2L));
            } else {
                spill();
            }
        }
        buf[n++] = id;
    }

    Result finish(int maxExamples) {
        Counter counter = new Counter(maxExamples);
        if (runs.isEmpty()) {
            Arrays.sort(buf, 0, n);
            for (int i = 0; i < n; i++) {
                counter.next(buf[i]);
            }
        } else {
            if (n > 0) {
                spill();
            }
            buf = null; // the merge needs its memory
            List<Path> level = new ArrayList<>(runs);
            while (level.size() > FAN_IN) {
                passes++;
                List<Path> next = new ArrayList<>();
                for (int i = 0; i < level.size(); i += FAN_IN) {
                    List<Path> group = level.subList(i, Math.min(level.size(), i + FAN_IN));
                    next.add(group.size() == 1 ? group.get(0) : mergeToRun(group));
                }
                level = next;
            }
            passes++;
            merge(level, counter::next);
        }
        counter.end();
        return new Result(counter.duplicates, counter.distinct, List.copyOf(counter.examples), runs.size(), spilledBytes, passes);
    }

    /** Counts equal neighbours of a sorted sequence. */
    private static final class Counter {
        final int maxExamples;
        final List<Duplicate> examples = new ArrayList<>();
        long duplicates;
        long distinct;
        boolean any;
        long previous;
        long run;

        Counter(int maxExamples) {
            this.maxExamples = maxExamples;
        }

        void next(long v) {
            if (any && v == previous) {
                run++;
                return;
            }
            end();
            any = true;
            previous = v;
            run = 1;
        }

        void end() {
            if (run > 1) {
                duplicates += run - 1;
                distinct++;
                if (examples.size() < maxExamples) {
                    examples.add(new Duplicate(previous, run));
                }
            }
            run = 0;
        }
    }

    private void spill() {
        Arrays.sort(buf, 0, n);
        try {
            if (dir == null) {
                dir = Files.createTempDirectory(tempParent, "idmint-analyze-");
            }
            Path run = dir.resolve("run-" + runs.size() + ".bin");
            try (RunWriter w = new RunWriter(run)) {
                for (int i = 0; i < n; i++) {
                    w.put(buf[i]);
                }
            }
            runs.add(run);
            n = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sorted run for the duplicate check under " + tempParent
                    + " (8 bytes per ID; choose another with --temp-dir): " + e.getMessage(), e);
        }
    }

    private interface LongSink {
        void accept(long v) throws IOException;
    }

    private Path mergeToRun(List<Path> group) {
        Path out = dir.resolve("merged-" + passes + "-" + System.nanoTime() + ".bin");
        try (RunWriter w = new RunWriter(out)) {
            merge(group, w::put);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : group) {
            delete(p);
        }
        return out;
    }

    private static void merge(List<Path> inputs, LongSink sink) {
        List<RunReader> readers = new ArrayList<>();
        try {
            PriorityQueue<RunReader> heap = new PriorityQueue<>(Comparator.comparingLong(r -> r.head));
            for (Path p : inputs) {
                RunReader r = new RunReader(p);
                readers.add(r);
                if (r.advance()) {
                    heap.add(r);
                }
            }
            while (!heap.isEmpty()) {
                RunReader r = heap.poll();
                sink.accept(r.head);
                // Drain this run while it stays at or below the next run's head: one heap operation per switch, not per ID.
                long bound = heap.isEmpty() ? Long.MAX_VALUE : heap.peek().head;
                boolean more;
                while ((more = r.advance()) && r.head <= bound) {
                    sink.accept(r.head);
                }
                if (more) {
                    heap.add(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            readers.forEach(RunReader::close);
        }
    }

    private final class RunWriter implements AutoCloseable {
        private final FileChannel ch;
        private final ByteBuffer bb = ByteBuffer.allocate(READ_BUFFER);

        RunWriter(Path p) throws IOException {
            ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        void put(long v) throws IOException {
            if (!bb.hasRemaining()) {
                flush();
            }
            bb.putLong(v);
        }

        private void flush() throws IOException {
            bb.flip();
            while (bb.hasRemaining()) {
                spilledBytes += ch.write(bb);
            }
            bb.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                ch.close();
            }
        }
    }

    private static final class RunReader {
        private final FileChannel ch;
        private final ByteBuffer bb = ByteBuffer.allocate(READ_BUFFER);
        long head;

        RunReader(Path p) throws IOException {
            ch = FileChannel.open(p, StandardOpenOption.READ);
            bb.limit(0);
        }

        boolean advance() throws IOException {
            if (bb.remaining() < Long.BYTES) {
                bb.compact();
                while (bb.position() < Long.BYTES) {
                    if (ch.read(bb) < 0) {
                        bb.flip();
                        return false;
                    }
                }
                bb.flip();
            }
            head = bb.getLong();
            return true;
        }

        void close() {
            try {
                ch.close();
            } catch (IOException e) {
                // reading is done; nothing to keep
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the run files and their directory. */
    @Override
    public void close() {
        buf = null;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(DuplicateFinder::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(dir);
        dir = null;
    }
}
