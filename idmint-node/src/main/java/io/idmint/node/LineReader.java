package io.idmint.node;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits stdin into lines without decoding them, in one growable buffer. Lines longer than
 * {@code maxLineBytes} are not buffered whole: the sink gets their first {@code prefixBytes} bytes
 * and their full length, so it can still answer the request that started them.
 */
final class LineReader {
    interface Sink {
        void line(byte[] buf, int offset, int length) throws IOException;

        void overlongLine(byte[] prefix, int prefixLength, long totalLength) throws IOException;

        /** No more input is available without blocking: a good moment to flush replies. */
        void drained() throws IOException;
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final int prefixBytes;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int limit;
    /** Where the newline search resumes: bytes before it hold no newline. */
    private int scanned;

    LineReader(InputStream in, int maxLineBytes, int prefixBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.prefixBytes = prefixBytes;
    }

    /** Reads until EOF, handing every line to the sink. */
    void run(Sink sink) throws IOException {
        for (;;) {
            int newline;
            while ((newline = indexOfNewline(Math.max(start, scanned), limit)) >= 0) {
                emit(sink, start, newline);
                start = newline + 1;
            }
            scanned = limit;
            if (in.available() <= 0) {
                sink.drained();
            }
            compact();
            if (limit == buf.length && !grow()) {
                skipOverlong(sink);
                continue;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                if (limit > start) {
                    emit(sink, start, limit);
                }
                sink.drained();
                return;
            }
            limit += n;
        }
    }

    private void emit(Sink sink, int from, int to) throws IOException {
        int end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        sink.line(buf, from, end - from);
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            scanned -= start;
            start = 0;
        }
    }

    private boolean grow() {
        // One byte over the limit, so that a line of exactly maxLineBytes plus its newline still fits.
        if (buf.length > maxLineBytes) {
            return false;
        }
        buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes + 1L));
        return true;
    }

    /** The buffer holds one line longer than the limit: keep its prefix, discard to its end. */
    private void skipOverlong(LineReader.Sink sink) throws IOException {
        byte[] prefix = java.util.Arrays.copyOf(buf, prefixBytes);
        long total = limit;
        limit = 0;
        scanned = 0;
        for (;;) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                sink.overlongLine(prefix, prefix.length, total);
                return;
            }
            int newline = indexOfNewline(0, n);
            if (newline >= 0) {
                total += newline;
                sink.overlongLine(prefix, prefix.length, total);
                System.arraycopy(buf, newline + 1, buf, 0, n - newline - 1);
                limit = n - newline - 1;
                scanned = 0;
                return;
            }
            total += n;
        }
    }
}
