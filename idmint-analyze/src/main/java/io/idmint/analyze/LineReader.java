package io.idmint.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it to Strings: 100 M IDs are about 2 GB of text, and a String
 * per line would cost more than the analysis. Lines end at {@code \n}; a trailing {@code \r} is dropped. A line
 * longer than {@link #MAX_LINE} bytes is handed over cut to that length, flagged, and the rest of it skipped.
 */
final class LineReader {
    /** Longer lines are cut: no ID form comes close (a UUID is 36 characters). */
    static final int MAX_LINE = 4096;

    /** Receives each line's bytes {@code [from, to)} of {@code buf}, valid only during the call. */
    interface Sink {
        void line(byte[] buf, int from, int to, long lineNumber, boolean cut);
    }

    private LineReader() {}

    /** Reads {@code in} to its end; returns the number of lines. */
    static long read(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[1 << 20];
        int start = 0;
        int end = 0;
        long line = 0;
        boolean skipping = false;
        while (true) {
            if (start > 0 && start == end) {
                start = 0;
                end = 0;
            } else if (end == buf.length) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                } else {
                    buf = Arrays.copyOf(buf, buf.length * 2); // cannot happen with MAX_LINE < buffer, kept for safety
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            int scan = end;
            end += n;
            for (int i = scan; i < end; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                if (skipping) {
                    skipping = false;
                } else {
                    line++;
                    emit(sink, buf, start, i, line, false);
                }
                start = i + 1;
            }
            if (!skipping && end - start > MAX_LINE) {
                line++;
                emit(sink, buf, start, start + MAX_LINE, line, true);
                skipping = true;
                start = end;
            } else if (skipping) {
                start = end;
            }
        }
        if (!skipping && end > start) {
            line++;
            emit(sink, buf, start, end, line, false);
        }
        return line;
    }

    private static void emit(Sink sink, byte[] buf, int from, int to, long line, boolean cut) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        if (to - from > MAX_LINE) {
            to = from + MAX_LINE;
            cut = true;
        }
        sink.line(buf, from, to, line, cut);
    }
}
