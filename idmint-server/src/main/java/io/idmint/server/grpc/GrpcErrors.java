package io.idmint.server.grpc;

import io.grpc.Status;
import io.idmint.core.FailureKind;
import io.idmint.core.issuing.IssueFailure;
import io.idmint.server.IdService;
import java.util.EnumMap;
import java.util.Map;

/**
 * The gRPC face's one table from failure kinds to status codes. The status carries the failure's message
 * (for a bug only its incident ID, never the exception's text) and never an ID.
 */
final class GrpcErrors {
    static final Map<FailureKind, Status.Code> TABLE = table();

    private GrpcErrors() {}

    private static Map<FailureKind, Status.Code> table() {
        Map<FailureKind, Status.Code> t = new EnumMap<>(FailureKind.class);
        t.put(FailureKind.INVALID_REQUEST, Status.Code.INVALID_ARGUMENT);
        t.put(FailureKind.RETRY_LATER, Status.Code.UNAVAILABLE);
        t.put(FailureKind.PERMANENT, Status.Code.FAILED_PRECONDITION);
        t.put(FailureKind.INTERNAL, Status.Code.INTERNAL);
        return t;
    }

    /** Classifies {@code e} (logging a bug under an incident ID) and maps its kind through the table. */
    static Failure toFailure(Throwable e) {
        IssueFailure f = IssueFailure.of(e);
        return new Failure(Status.fromCode(TABLE.get(f.kind())).withDescription(f.message()), IdService.outcome(f.kind()));
    }

    /** A status to send and the outcome label to record it under. */
    record Failure(Status status, String outcome) {}
}
