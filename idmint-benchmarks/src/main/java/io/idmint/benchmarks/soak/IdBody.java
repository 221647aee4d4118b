package io.idmint.benchmarks.soak;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the ID out of a single-ID answer, {@code {"id":"382782901575483392"}} (or the number without
 * quotes, as {@code format=number} sends it), straight from the response bytes: the soak checks every
 * ID, and building a string or a JSON tree for each of millions of answers would load the generator.
 */
final class IdBody {
    private static final byte[] KEY = "\"id\"".getBytes(StandardCharsets.US_ASCII);
    /** Long.MAX_VALUE has 19 digits. */
    private static final int MAX_DIGITS = 19;

    private IdBody() {}

    /** The ID in {@code in[from, from + length)}, or -1 when the body holds none (IDs are never negative). */
    static long parse(ByteBuf in, int from, int length) {
        int end = from + length;
        int i = indexOf(in, from, end);
        if (i < 0) {
            return -1;
        }
        i = skip(in, i + KEY.length, end, ' ');
        if (i >= end || in.getByte(i) != ':') {
            return -1;
        }
        i = skip(in, i + 1, end, ' ');
        boolean quoted = i < end && in.getByte(i) == '"';
        return digits(in, quoted ? i + 1 : i, end, quoted);
    }

    private static long digits(ByteBuf in, int from, int end, boolean quoted) {
        long value = 0;
        int i = from;
        while (i < end && i - from <= MAX_DIGITS) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            i++;
        }
        int count = i - from;
        if (count == 0 || count > MAX_DIGITS || value < 0) { // value < 0: over Long.MAX_VALUE
            return -1;
        }
        if (quoted && (i >= end || in.getByte(i) != '"')) {
            return -1;
        }
        return value;
    }

    private static int skip(ByteBuf in, int from, int end, char space) {
        int i = from;
        while (i < end && in.getByte(i) == space) {
            i++;
        }
        return i;
    }

    private static int indexOf(ByteBuf in, int from, int end) {
        outer:
        for (int i = from; i + KEY.length <= end; i++) {
            for (int j = 0; j < KEY.length; j++) {
                if (in.getByte(i + j) != KEY[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
