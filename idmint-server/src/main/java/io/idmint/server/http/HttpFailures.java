package io.idmint.server.http;

import io.idmint.core.FailureKind;
import io.idmint.core.issuing.IssueFailure;
import io.vertx.core.http.HttpServerResponse;
import java.util.EnumMap;
import java.util.Map;

/**
 * The HTTP face's one table from failure kinds to status codes and RFC 9457 problem types. Retry-After
 * goes only with "retry later": a client that obeys it must never be told to retry a permanent failure.
 */
final class HttpFailures {
    /** One row of the table: what a failure kind becomes on the wire. */
    record Row(int status, String title, String type) {}

    static final Map<FailureKind, Row> TABLE = table();

    private HttpFailures() {}

    private static Map<FailureKind, Row> table() {
        Map<FailureKind, Row> t = new EnumMap<>(FailureKind.class);
        t.put(FailureKind.INVALID_REQUEST, new Row(400, "Bad Request", "urn:idmint:problem:invalid-request"));
        t.put(FailureKind.RETRY_LATER, new Row(503, "Service Unavailable", "urn:idmint:problem:retry-later"));
        // 410: this process will never serve the request again, and clients do not retry a 4xx.
        t.put(FailureKind.PERMANENT, new Row(410, "Gone", "urn:idmint:problem:permanent"));
        t.put(FailureKind.INTERNAL, new Row(500, "Internal Server Error", "urn:idmint:problem:internal"));
        return t;
    }

    /** Sends {@code failure} as a problem response (unless one was sent already); returns the row used. */
    static Row send(String path, HttpServerResponse response, IssueFailure failure) {
        Row row = TABLE.get(failure.kind());
        if (failure.kind() == FailureKind.RETRY_LATER && !response.ended()) {
            response.putHeader("retry-after", Long.toString(failure.retryAfterSeconds()));
        }
        Problem.send(path, response, row.status(), row.title(), row.type(), failure);
        return row;
    }
}
