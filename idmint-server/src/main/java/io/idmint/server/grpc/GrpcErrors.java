package io.idmint.server.grpc;

import io.grpc.Status;
import io.idmint.core.IdGenerationException;
import io.idmint.core.LayoutExpiredException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps service exceptions to gRPC statuses; the status never carries an ID, only the reason. */
final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {}

    static Status toStatus(RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            // The service's messages already name the value and the limit, e.g. "count must be 1..100000: count=0".
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
        }
        if (e instanceof LayoutExpiredException) {
            // Checked before its supertype: retrying on another node of the same layout will not help.
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage());
        }
        if (e instanceof IdGenerationException) {
            // Stopped issuing, clock behind the high-water mark, closed generator: another node may serve.
            return Status.UNAVAILABLE.withDescription(e.getMessage());
        }
        // A bug, not a client error: log the stack here, send only the type so no internals leak.
        LOG.log(Level.WARNING, "unexpected error serving a gRPC call", e);
        return Status.INTERNAL.withDescription("internal error: " + e.getClass().getName()).withCause(e);
    }

    /** The metrics label for a status: lower-case code name, e.g. {@code ok}, {@code invalid_argument}. */
    static String outcome(Status.Code code) {
        return code.name().toLowerCase(Locale.ROOT);
    }
}
