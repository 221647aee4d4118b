package io.idmint.server.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.idmint.server.IdService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gRPC endpoint: idmint.v1.IdService, the standard health service (grpc.health.v1.Health) and
 * server reflection (grpc.reflection.v1). Started by {@link #start}, stopped by {@link #shutdown}.
 */
public final class GrpcServer {
    /** How long cancelled calls get to unwind after the grace period ran out. */
    private static final Duration FORCED_WAIT = Duration.ofSeconds(5);

    private final Server server;
    private final GrpcIdService idService;
    private final HealthReporter health;
    private final int port;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();

    private GrpcServer(Server server, GrpcIdService idService, HealthReporter health) {
        this.server = server;
        this.port = server.getPort(); // kept: the server refuses getPort() once terminated
        this.idService = idService;
        this.health = health;
    }

    /**
     * Binds {@code host:port} (port 0 = an ephemeral port, see {@link #port()}) and starts serving.
     *
     * @throws IllegalArgumentException when the port is outside 0..65535
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static GrpcServer start(IdService service, String host, int port) {
        return start(service, host, port, StreamEvents.NONE);
    }

    static GrpcServer start(IdService service, String host, int port, StreamEvents events) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: port=" + port);
        }
        GrpcIdService idService = new GrpcIdService(service, events);
        HealthReporter health = new HealthReporter(service);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(idService)
                .addService(health.healthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            health.close();
            throw new UncheckedIOException("cannot bind gRPC server to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        health.startSchedule();
        return new GrpcServer(server, idService, health);
    }

    /** The bound port: the ephemeral one when started with port 0. */
    public int port() {
        return port;
    }

    /** Sets the health status from {@link IdService#health()} now, rather than at the next health call or tick. */
    public void refreshHealth() {
        health.refresh();
    }

    /**
     * Stops accepting calls, reports NOT_SERVING, lets in-flight calls finish for up to {@code grace}, then
     * cancels whatever is left. Endless StreamBatches calls end with UNAVAILABLE at their next batch, so a
     * reading client does not hold shutdown for the whole grace period. A second call only waits.
     */
    public void shutdown(Duration grace) {
        if (shutdownStarted.compareAndSet(false, true)) {
            health.enterTerminalState(); // a second call would log a warning
            idService.beginShutdown();
            server.shutdown();
        }
        try {
            if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                server.shutdownNow();
                server.awaitTermination(FORCED_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            health.close();
        }
    }

    /** Whether {@link #shutdown} has begun: new calls are refused. */
    boolean isShutdown() {
        return server.isShutdown();
    }

    @Override
    public String toString() {
        return "GrpcServer[port " + port + "]";
    }
}
