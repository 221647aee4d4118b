package io.idmint.node;

import io.idmint.core.FailureKind;
import java.util.EnumMap;
import java.util.Map;

/** Maelstrom's error codes, the subset this node answers with, and the node's one table from failure kinds. */
enum ErrorCode {
    /** The request type is unknown to this node. */
    NOT_SUPPORTED(10),
    /** The node cannot issue right now (before init, clock behind issued IDs, lease being re-claimed); retrying may work. */
    TEMPORARILY_UNAVAILABLE(11),
    /** A field is missing or invalid; the text names the value and the limit. */
    MALFORMED_REQUEST(12),
    /** An unexpected internal error (indefinite, in Maelstrom's terms); the text is an incident ID; the node keeps serving. */
    CRASH(13),
    /** The node will never serve this (the layout's end of life, a closed generator): definite, do not retry. */
    ABORT(14);

    static final Map<FailureKind, ErrorCode> TABLE = table();

    final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    private static Map<FailureKind, ErrorCode> table() {
        Map<FailureKind, ErrorCode> t = new EnumMap<>(FailureKind.class);
        t.put(FailureKind.INVALID_REQUEST, MALFORMED_REQUEST);
        t.put(FailureKind.RETRY_LATER, TEMPORARILY_UNAVAILABLE);
        t.put(FailureKind.PERMANENT, ABORT);
        t.put(FailureKind.INTERNAL, CRASH);
        return t;
    }

    static ErrorCode of(FailureKind kind) {
        return TABLE.get(kind);
    }
}
