package io.idmint.server.grpc;

import io.grpc.Status;

/**
 * What a StreamBatches call does, for tests that must observe flow control from the server side. The
 * callbacks run on the call's serialised executor, so they must be quick.
 */
interface StreamEvents {
    StreamEvents NONE = new StreamEvents() {};

    /** A batch was handed to the transport; {@code sent} counts this call's batches so far. */
    default void batchSent(long sent) {}

    /** The transport is full: the call waits for the client to read before generating more. */
    default void paused(long sent) {}

    /** The call ended with {@code code}: completed, failed, or cancelled by the client. */
    default void ended(long sent, Status.Code code) {}
}
