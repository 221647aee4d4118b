package io.idmint.server.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.server.IdService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the standard grpc.health.v1 status in step with {@link IdService#health()}. IdService has no
 * change listener, so the status is refreshed (a) before every health call, which makes Check exact,
 * and (b) every {@value #REFRESH_MILLIS} ms, which bounds how late a Watch stream hears of a change.
 */
final class HealthReporter implements AutoCloseable {
    static final long REFRESH_MILLIS = 1_000;
    private static final System.Logger LOG = System.getLogger(HealthReporter.class.getName());

    private final IdService service;
    private final HealthStatusManager manager = new HealthStatusManager();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "idmint-grpc-health");
        t.setDaemon(true); // never keeps the JVM alive on its own
        return t;
    });

    HealthReporter(IdService service) {
        this.service = service;
        refresh();
    }

    /** The health service, refreshing the status before each call reaches it. */
    ServerServiceDefinition healthService() {
        return ServerInterceptors.intercept(manager.getHealthService(), new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                refresh();
                return next.startCall(call, headers);
            }
        });
    }

    void startSchedule() {
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sets both the server-wide ("") and the idmint.v1.IdService status from the service's health. */
    void refresh() {
        ServingStatus status = service.health().canIssue() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        manager.setStatus(IdServiceGrpc.SERVICE_NAME, status);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task for good; log and try again next period.
            LOG.log(System.Logger.Level.WARNING, "gRPC health refresh failed", e);
        }
    }

    /** NOT_SERVING from now on, whatever the service says: the server is draining. */
    void enterTerminalState() {
        manager.enterTerminalState();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
