package io.idmint.core;

/**
 * Why an ID was not issued, as every face (HTTP, gRPC, the node, the CLI) needs to know it: each maps
 * these few kinds to its own codes in one table, so the faces cannot disagree about what a failure means.
 */
public enum FailureKind {
    /** The request itself is wrong (a count out of range, an unknown generator, an ID that does not parse). */
    INVALID_REQUEST,
    /** Nothing is wrong with the request and this process may serve it soon: a clock behind, a lease being re-claimed. */
    RETRY_LATER,
    /** This process will never serve it: the layout's end of life, a closed generator. Retrying here cannot help. */
    PERMANENT,
    /** A bug: nobody expected this. Logged with its stack; the caller gets only an incident ID to quote. */
    INTERNAL
}
