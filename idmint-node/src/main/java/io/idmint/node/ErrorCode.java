package io.idmint.node;

/** Maelstrom's error codes, the subset this node answers with. */
enum ErrorCode {
    /** The request type is unknown to this node. */
    NOT_SUPPORTED(10),
    /** The node cannot issue right now (before init, clock behind issued IDs); retrying later may work. */
    TEMPORARILY_UNAVAILABLE(11),
    /** A field is missing or invalid; the text names the value and the limit. */
    MALFORMED_REQUEST(12),
    /** An unexpected internal error; the node keeps serving. */
    CRASH(13);

    final int code;

    ErrorCode(int code) {
        this.code = code;
    }
}
