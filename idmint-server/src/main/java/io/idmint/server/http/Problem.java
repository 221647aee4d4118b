package io.idmint.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details: every HTTP error is {@code application/problem+json} naming the value and the limit. */
final class Problem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {}

    static void send(RoutingContext ctx, int status, String title, String detail) {
        send(ctx.request().path(), ctx.response(), status, title, detail);
    }

    static void send(String path, HttpServerResponse response, int status, String title, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path);
        if (!response.ended()) {
            response.setStatusCode(status).putHeader("content-type", "application/problem+json").end(body.toString());
        }
    }
}
