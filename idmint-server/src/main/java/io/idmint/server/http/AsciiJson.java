package io.idmint.server.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for JSON made only of ASCII: digits, quotes, punctuation and base32. */
final class AsciiJson {
    private byte[] buf;
    private int pos;
    /** The last number written: its value and where its digits are, for the increment fast path. */
    private long lastValue = -2;
    private int lastStart;
    private int lastLength;

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

    /**
     * Non-negative values only: IDs, counts and sequences. A batch's IDs are mostly consecutive, so a
     * value one above the previous copies its digits and increments them, instead of dividing per digit.
     */
    AsciiJson number(long v) {
        ensure(20);
        if (v == lastValue + 1 && incrementCopy()) {
            lastValue = v;
            return this;
        }
        int digits = 1;
        for (long rest = v; rest >= 10; rest /= 10) {
            digits++;
        }
        long rest = v;
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        lastStart = pos;
        lastLength = digits;
        lastValue = v;
        pos += digits;
        return this;
    }

    /** Copies the previous number's digits here and adds one; false when a carry would add a digit. */
    private boolean incrementCopy() {
        int i = lastStart + lastLength - 1;
        while (i >= lastStart && buf[i] == '9') {
            i--;
        }
        if (i < lastStart) {
            return false;
        }
        System.arraycopy(buf, lastStart, buf, pos, lastLength);
        int at = pos + (i - lastStart);
        buf[at]++;
        for (int k = at + 1; k < pos + lastLength; k++) {
            buf[k] = '0';
        }
        lastStart = pos;
        pos += lastLength;
        return true;
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
