package io.idmint.server.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for JSON made only of ASCII: digits, quotes, punctuation and base32. */
final class AsciiJson {
    private byte[] buf;
    private int pos;

    AsciiJson(int capacity) {
        buf = new byte[capacity];
    }

    AsciiJson raw(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
        return this;
    }

    AsciiJson raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[pos++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Non-negative values only: IDs, counts and sequences. */
    AsciiJson number(long v) {
        ensure(20);
        int digits = 1;
        for (long rest = v; rest >= 10; rest /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += digits;
        return this;
    }

    Buffer toBuffer() {
        return Buffer.buffer(pos == buf.length ? buf : Arrays.copyOf(buf, pos));
    }

    @Override
    public String toString() {
        return new String(buf, 0, pos, StandardCharsets.US_ASCII);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
