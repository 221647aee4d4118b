package io.idmint.node;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Streams one line of JSON into a {@link Request} with Jackson's parser: no tree, no data binding,
 * unknown fields skipped. Throws {@link IOException} on malformed JSON after filling in whatever it
 * had read.
 *
 * <p>One non-blocking parser is fed line after line, because creating and releasing a parser per
 * line cost more than parsing the line. A line that leaves it mid-value (malformed, truncated, or two
 * values on one line) retires it, and the next line gets a fresh one.
 */
final class RequestParser {
    /** Deep nesting is refused early rather than walked. */
    static final int MAX_NESTING_DEPTH = 64;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private final RecentStrings strings = new RecentStrings();
    private JsonParser parser;

    void parse(byte[] buf, int offset, int length, Request r) throws IOException {
        r.reset();
        if (parser == null) {
            parser = factory.createNonBlockingByteArrayParser();
        }
        JsonParser p = parser;
        ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(buf, offset, offset + length);
        boolean clean = false;
        try {
            message(p, r);
            // Anything but whitespace after the object would leak into the next line. The line's last
            // non-blank byte must close the object (which catches a token the parser is still waiting to
            // finish, like a trailing "tru"), and no further token may follow it (which catches "{} {}").
            // Checked without asking the parser for its location: that allocated on every line.
            if (lastNonBlank(buf, offset, length) != '}' || p.nextToken() != JsonToken.NOT_AVAILABLE) {
                throw new IOException("unexpected content after the message object");
            }
            clean = true;
        } finally {
            if (!clean) {
                parser.close();
                parser = null;
            }
        }
    }

    private static byte lastNonBlank(byte[] buf, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return b;
            }
        }
        return 0;
    }

    private void message(JsonParser p, Request r) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new IOException(first == JsonToken.NOT_AVAILABLE ? "empty or truncated JSON" : "a message must be a JSON object");
        }
        {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("src".equals(name) && value == JsonToken.VALUE_STRING) {
                    r.src = strings.text(p);
                } else if ("dest".equals(name) && value == JsonToken.VALUE_STRING) {
                    r.dest = strings.text(p);
                } else if ("body".equals(name) && value == JsonToken.START_OBJECT) {
                    r.bodyIsObject = true;
                    body(p, r);
                } else {
                    p.skipChildren();
                }
            }
            expectEnd(t, "message");
        }
    }

    private static void expectEnd(JsonToken t, String what) throws IOException {
        if (t == JsonToken.NOT_AVAILABLE) {
            throw new IOException("truncated JSON: the " + what + " object is not closed");
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token " + t + " in the " + what + " object");
        }
    }

    private void body(JsonParser p, Request r) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type":
                    r.type = value == JsonToken.VALUE_STRING ? strings.text(p) : tokenText(p, value) + " (not a string)";
                    break;
                case "msg_id":
                    if (isLong(p, value)) {
                        r.hasMsgId = true;
                        r.msgId = p.getLongValue();
                    } else {
                        p.skipChildren();
                    }
                    break;
                case "node_id":
                    r.nodeId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                    break;
                case "generator":
                    r.generator = value == JsonToken.VALUE_STRING ? strings.text(p) : tokenText(p, value);
                    break;
                case "node_ids":
                    nodeIds(p, value, r);
                    break;
                case "count":
                    r.countText = tokenText(p, value);
                    break;
                case "id":
                    id(p, value, r);
                    break;
                case "after":
                    r.after = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT ? p.getText()
                            : tokenText(p, value);
                    break;
                case "ids":
                    ids(p, value, r);
                    break;
                default:
                    p.skipChildren();
            }
        }
        expectEnd(t, "body");
    }

    /** The next token inside an array, which must close on this line. */
    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.NOT_AVAILABLE) {
            throw new IOException("truncated JSON: an array is not closed");
        }
        return t;
    }

    private static boolean isLong(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    /** {@code id}: a number (a 64-bit ID) or a string (any ID's text); the raw token is kept for messages. */
    private static void id(JsonParser p, JsonToken value, Request r) throws IOException {
        r.idText = tokenText(p, value);
        r.idIsLong = isLong(p, value);
        r.id = r.idIsLong ? p.getLongValue() : 0;
        r.idString = value == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static String tokenText(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
            p.skipChildren();
            return value == JsonToken.START_ARRAY ? "[...]" : "{...}";
        }
        return value == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
    }

    private static void nodeIds(JsonParser p, JsonToken value, Request r) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = next(p)) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                r.nodeIds.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
    }

    private static void ids(JsonParser p, JsonToken value, Request r) throws IOException {
        r.hasIds = true;
        if (value != JsonToken.START_ARRAY) {
            r.idsProblem = "ids must be an array of integers: ids=" + tokenText(p, value);
            return;
        }
        JsonToken t;
        while ((t = next(p)) != JsonToken.END_ARRAY) {
            if (isLong(p, t)) {
                r.addId(p.getLongValue());
            } else {
                if (r.idsProblem == null) {
                    r.idsProblem = "ids must hold only 64-bit integers: ids[" + r.idsLength + "]=" + tokenText(p, t);
                }
                p.skipChildren();
            }
        }
    }
}
