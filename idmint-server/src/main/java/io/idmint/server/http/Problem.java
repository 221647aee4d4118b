package io.idmint.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.issuing.IssueFailure;
import io.idmint.server.IdService;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 problem details: every HTTP error is {@code application/problem+json} whose {@code detail}
 * names the value and the limit. Failures of the issuing core also carry their {@code kind} and, for a
 * bug, the {@code incident} under which the server logged it.
 */
final class Problem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {}

    /** A transport-level problem (not found, unauthorized, ...), with {@code about:blank} as its type. */
    static void send(RoutingContext ctx, int status, String title, String detail) {
        send(ctx.request().path(), ctx.response(), status, title, "about:blank", detail, null);
    }

    static void send(String path, HttpServerResponse response, int status, String title, String type, IssueFailure f) {
        send(path, response, status, title, type, f.message(), f);
    }

    private static void send(String path, HttpServerResponse response, int status, String title, String type,
                             String detail, IssueFailure failure) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path);
        if (failure != null) {
            body.put("kind", IdService.outcome(failure.kind()));
            failure.incident().ifPresent(i -> body.put("incident", i));
        }
        if (!response.ended()) {
            response.setStatusCode(status).putHeader("content-type", "application/problem+json")
                    .putHeader("cache-control", "no-store").end(body.toString());
        }
    }
}
