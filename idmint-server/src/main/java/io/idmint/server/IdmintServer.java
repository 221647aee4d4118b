package io.idmint.server;

import io.idmint.config.GrpcSettings;
import io.idmint.config.HttpSettings;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.server.grpc.GrpcServer;
import io.idmint.server.http.HttpServerHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The service as a whole: the issuing core's generators behind HTTP and gRPC. {@link #close()} is the graceful
 * shutdown SIGTERM triggers: both transports stop accepting and finish in-flight requests, then the
 * generator stores its exact high-water mark.
 */
public final class IdmintServer implements AutoCloseable {
    /** How long in-flight requests may take to finish at shutdown. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final IdService service;
    private final HttpServerHandle http;
    private final GrpcServer grpc;
    private final CountDownLatch closed = new CountDownLatch(1);

    private IdmintServer(IdService service, HttpServerHandle http, GrpcServer grpc) {
        this.service = service;
        this.http = http;
        this.grpc = grpc;
    }

    /**
     * Serves {@code issuer}'s generators on both transports. The server owns the issuer from here: closing
     * the server (or a failed start) closes it, which stores every generator's exact high-water mark.
     */
    public static IdmintServer start(IdIssuer issuer, HttpSettings httpSettings, GrpcSettings grpcSettings) throws Exception {
        IdService service = new IdService(issuer);
        HttpServerHandle http = null;
        try {
            http = HttpServerHandle.start(service, httpSettings);
            GrpcServer grpc = GrpcServer.start(service, grpcSettings.host(), grpcSettings.port());
            return new IdmintServer(service, http, grpc);
        } catch (Exception | Error e) {
            if (http != null) {
                http.shutdown(Duration.ZERO);
            }
            service.close();
            throw e;
        }
    }

    public IdService service() {
        return service;
    }

    public int httpPort() {
        return http.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            // Both transports drain at once, so the grace period is spent once, not twice.
            CompletableFuture<Void> grpcDrained = CompletableFuture.runAsync(() -> grpc.shutdown(SHUTDOWN_GRACE));
            http.shutdown(SHUTDOWN_GRACE);
            grpcDrained.join();
        } finally {
            service.close();
            closed.countDown();
        }
    }
}
