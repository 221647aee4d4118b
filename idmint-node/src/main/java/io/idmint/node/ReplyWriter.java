package io.idmint.node;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes reply lines {@code {"src":..,"dest":..,"body":{"type":..,"in_reply_to":..,"msg_id":..,...}}}
 * into a byte buffer; nothing reaches stdout until {@link #flush()}, which the node calls when its
 * input is drained (or the buffer fills). Replies have a fixed shape, so they are written directly as
 * bytes: a general JSON generator cost more than the rest of the request. Strings are escaped by
 * Jackson's {@link JsonStringEncoder} and cached, since the same few node and client names recur.
 */
final class ReplyWriter {
    private static final int MAX_CACHED_STRINGS = 4096;
    private static final byte[] OPEN = ascii("{\"src\":");
    private static final byte[] DEST = ascii(",\"dest\":");
    private static final byte[] BODY = ascii(",\"body\":{\"type\":");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] CLOSE = ascii("}}\n");
    private final OutputStream out;
    private final Map<String, byte[]> quoted = new HashMap<>();
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private long nextMsgId;

    ReplyWriter(OutputStream out) {
        this.out = out;
    }

    ReplyWriter begin(String src, String dest, String type, long inReplyTo) throws IOException {
        raw(OPEN);
        string(src);
        raw(DEST);
        string(dest);
        raw(BODY);
        string(type);
        field("in_reply_to", inReplyTo);
        return field("msg_id", nextMsgId++);
    }

    ReplyWriter field(String name, long value) throws IOException {
        key(name);
        number(value);
        return this;
    }

    ReplyWriter field(String name, boolean value) throws IOException {
        key(name);
        raw(value ? TRUE : FALSE);
        return this;
    }

    ReplyWriter field(String name, String value) throws IOException {
        key(name);
        string(value);
        return this;
    }

    /** Each entry as a field: numbers as JSON numbers, anything else as a JSON string. */
    ReplyWriter fields(java.util.Map<String, Object> values) throws IOException {
        for (java.util.Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Integer) {
                field(e.getKey(), ((Number) v).longValue());
            } else {
                field(e.getKey(), String.valueOf(v));
            }
        }
        return this;
    }

    ReplyWriter field(String name, long[] values, int offset, int length) throws IOException {
        key(name);
        ensure(1);
        buf[pos++] = '[';
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                ensure(1);
                buf[pos++] = ',';
            }
            number(values[offset + i]);
        }
        ensure(1);
        buf[pos++] = ']';
        return this;
    }

    ReplyWriter field(String name, String[] values, int length) throws IOException {
        key(name);
        ensure(1);
        buf[pos++] = '[';
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                ensure(1);
                buf[pos++] = ',';
            }
            string(values[i]);
        }
        ensure(1);
        buf[pos++] = ']';
        return this;
    }

    void end() throws IOException {
        raw(CLOSE);
    }

    void error(String src, String dest, long inReplyTo, ErrorCode code, String text) throws IOException {
        begin(src, dest, "error", inReplyTo).field("code", code.code).field("text", text).end();
    }

    void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
        out.flush();
    }

    private void key(String name) throws IOException {
        ensure(1);
        buf[pos++] = ',';
        string(name);
        ensure(1);
        buf[pos++] = ':';
    }

    private void string(String s) throws IOException {
        byte[] q = quoted.get(s);
        if (q == null) {
            q = quote(s);
            if (quoted.size() >= MAX_CACHED_STRINGS) {
                quoted.clear();
            }
            if (s.length() <= 64) {
                quoted.put(s, q);
            }
        }
        raw(q);
    }

    private static byte[] quote(String s) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(withoutLoneSurrogates(s));
        byte[] q = new byte[escaped.length + 2];
        q[0] = '"';
        System.arraycopy(escaped, 0, q, 1, escaped.length);
        q[q.length - 1] = '"';
        return q;
    }

    /**
     * JSON escapes can carry a lone UTF-16 surrogate (e.g. a src of "c\\ud800"), which has no UTF-8
     * form: the encoder would throw mid-reply. Such halves become U+FFFD.
     */
    static String withoutLoneSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (!paired && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(paired ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }

    private void raw(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void number(long v) throws IOException {
        if (v < 0) {
            raw(ascii(Long.toString(v)));
            return;
        }
        ensure(20);
        int end = pos + digitCount(v);
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    private static int digitCount(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Room for {@code n} more bytes: flushes a full buffer, grows it for a single large write. */
    private void ensure(int n) throws IOException {
        if (pos + n <= buf.length) {
            return;
        }
        out.write(buf, 0, pos);
        pos = 0;
        if (n > buf.length) {
            buf = new byte[n];
        }
    }
}
