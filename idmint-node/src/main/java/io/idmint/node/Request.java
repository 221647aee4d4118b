package io.idmint.node;

import java.util.ArrayList;
import java.util.List;

/**
 * One parsed request line, reused from line to line. Fields the parser reached before a syntax error
 * stay set, so a request whose {@code src} and {@code msg_id} were read can still get an error reply.
 */
final class Request {
    String src;
    String dest;
    boolean bodyIsObject;
    String type;
    boolean hasMsgId;
    long msgId;
    String nodeId;
    /** The optional {@code generator} field: which named generator to issue from; null for the default. */
    String generator;
    final List<String> nodeIds = new ArrayList<>();
    /** The raw token of {@code count} / {@code id}; null when absent. */
    String countText;
    String idText;
    boolean idIsLong;
    long id;
    /** {@code id} when it is a JSON string (a 128-bit ID's text, or any ID in a text form); else null. */
    String idString;
    /** The optional {@code after} field (an ID, as number or text): what the new IDs must sort after. */
    String after;
    boolean hasIds;
    String idsProblem;
    long[] ids = new long[16];
    int idsLength;

    void reset() {
        src = null;
        dest = null;
        bodyIsObject = false;
        type = null;
        hasMsgId = false;
        nodeId = null;
        generator = null;
        nodeIds.clear();
        countText = null;
        idText = null;
        idIsLong = false;
        idString = null;
        after = null;
        hasIds = false;
        idsProblem = null;
        idsLength = 0;
        if (ids.length > 1 << 16) {
            ids = new long[16];
        }
    }

    void addId(long value) {
        if (idsLength == ids.length) {
            ids = java.util.Arrays.copyOf(ids, ids.length * 2);
        }
        ids[idsLength++] = value;
    }

    /** A reply needs someone to send it to and a request to point at. */
    boolean answerable() {
        return src != null && bodyIsObject && hasMsgId;
    }
}
