package io.idmint.server.http;

import io.idmint.server.IdService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server instance on one event loop; several share the port and Vert.x balances connections. */
final class HttpVerticle extends VerticleBase {
    private final IdService service;
    private final HttpServerOptions options;
    private final String bearerToken;
    private HttpServer server;

    HttpVerticle(IdService service, HttpServerOptions options, String bearerToken) {
        this.service = service;
        this.options = options;
        this.bearerToken = bearerToken;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(HttpApi.handler(vertx, service, bearerToken)).listen()
                .onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        // Graceful: stop accepting, let in-flight requests finish, within the shutdown timeout.
        return server == null ? Future.succeededFuture() : server.shutdown();
    }
}
