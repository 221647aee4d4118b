package io.idmint.server.http;

import io.idmint.config.HttpSettings;
import io.idmint.server.IdService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The running HTTP side: {@code instances} event loops serving {@link HttpApi}. */
public final class HttpServerHandle {
    private final Vertx vertx;
    private final int port;

    private HttpServerHandle(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    /**
     * Binds {@code host:port} (0 = an ephemeral port, the same for every instance). TLS when both PEM
     * paths are given.
     */
    public static HttpServerHandle start(IdService service, HttpSettings settings) throws Exception {
        String host = settings.host();
        int port = settings.port();
        Path tlsCert = settings.tlsCertPath();
        Path tlsKey = settings.tlsKeyPath();
        String bearerToken = settings.bearerToken();
        int instances = settings.instances();
        Vertx vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setMaxInitialLineLength(4096).setMaxHeaderSize(8192).setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(false);
        if (tlsCert != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(tlsCert.toString())
                    .setKeyPath(tlsKey.toString()));
        }
        // Vert.x shares one listening socket among instances that bind the same host and port; an
        // ephemeral port is therefore picked once, up front.
        int bound = port != 0 ? port : freePort(host);
        HttpServerOptions shared = new HttpServerOptions(options).setPort(bound);
        try {
            vertx.deployVerticle(() -> new HttpVerticle(service, shared, bearerToken),
                    new DeploymentOptions().setInstances(Math.max(1, instances))).await(30, TimeUnit.SECONDS);
            return new HttpServerHandle(vertx, bound);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Stops accepting, lets in-flight requests finish for up to {@code grace}, then closes. */
    public void shutdown(Duration grace) {
        try {
            vertx.close().await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Past the grace period: the process is exiting anyway.
        }
    }
}
