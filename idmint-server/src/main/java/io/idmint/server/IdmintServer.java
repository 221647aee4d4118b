package io.idmint.server;

import io.idmint.config.GrpcSettings;
import io.idmint.config.HttpSettings;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.server.grpc.GrpcServer;
import io.idmint.server.http.HttpServerHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * The service as a whole: the issuing core's generators behind HTTP and gRPC, optionally warmed up before
 * readiness says ready ({@link Warmup}). {@link #close()} is the graceful
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
    private final Warmer warmer;
    private final CompletableFuture<Warmup.Result> warmedUp = new CompletableFuture<>();

    private IdmintServer(IdService service, HttpServerHandle http, GrpcServer grpc, Warmer warmer) {
        this.service = service;
        this.http = http;
        this.grpc = grpc;
        this.warmer = warmer;
    }

    /**
     * Serves {@code issuer}'s generators on both transports, ready as soon as they can issue: no warm-up.
     * The server owns the issuer from here: closing the server (or a failed start) closes it, which stores
     * every generator's exact high-water mark.
     */
    public static IdmintServer start(IdIssuer issuer, HttpSettings httpSettings, GrpcSettings grpcSettings) throws Exception {
        return start(issuer, httpSettings, grpcSettings, Warmup.NONE);
    }

    /**
     * As {@link #start(IdIssuer, HttpSettings, GrpcSettings)}, then runs {@code warmup} in the background:
     * readiness (HTTP and gRPC health) says "warming up" from before either port listens until the warm-up is
     * over, while liveness and every other request are served as usual. See {@link #warmedUp()}.
     */
    public static IdmintServer start(IdIssuer issuer, HttpSettings httpSettings, GrpcSettings grpcSettings, Warmup warmup)
            throws Exception {
        return start(issuer, httpSettings, grpcSettings, warmup, run -> {
            Thread t = new Thread(run, "idmint-warmup");
            t.setDaemon(true); // never keeps the JVM alive on its own
            t.start();
        });
    }

    /** As the public start; {@code warmUpRunner} runs the warm-up (a test holds it back to see readiness wait). */
    static IdmintServer start(IdIssuer issuer, HttpSettings httpSettings, GrpcSettings grpcSettings, Warmup warmup,
                              Executor warmUpRunner) throws Exception {
        IdService service = new IdService(issuer);
        if (warmup.enabled()) {
            service.warmingUp(); // before a port listens: a probe never sees a cold server ready
        }
        HttpServerHandle http = null;
        try {
            http = HttpServerHandle.start(service, httpSettings);
            GrpcServer grpc = GrpcServer.start(service, grpcSettings.host(), grpcSettings.port());
            Warmer warmer = warmup.enabled()
                    ? new Warmer(service, httpSettings, http.port(), grpcSettings.host(), grpc.port(), warmup) : null;
            IdmintServer server = new IdmintServer(service, http, grpc, warmer);
            server.warmUp(warmUpRunner);
            return server;
        } catch (Exception | Error e) {
            if (http != null) {
                http.shutdown(Duration.ZERO);
            }
            service.close();
            throw e;
        }
    }

    /** Runs the warm-up on {@code runner}; whatever happens to it, readiness stops waiting for it at its end. */
    private void warmUp(Executor runner) {
        if (warmer == null) {
            warmedUp.complete(Warmup.Result.NONE);
            return;
        }
        Runnable task = () -> {
            try {
                warmedUp.complete(finishWarmUp(warmer.run()));
            } catch (Throwable e) { // readiness must not wait for a warm-up that broke
                finishWarmUp(null);
                warmedUp.completeExceptionally(e);
            }
        };
        try {
            runner.execute(task);
        } catch (RuntimeException e) {
            finishWarmUp(null);
            warmedUp.completeExceptionally(e);
        }
    }

    private Warmup.Result finishWarmUp(Warmup.Result result) {
        service.warmedUp();
        try {
            grpc.refreshHealth(); // a gRPC Watch hears of it now, not at the next refresh
        } catch (RuntimeException e) {
            // Shutting down: the health status is terminal and stays NOT_SERVING.
        }
        return result;
    }

    /**
     * Completes once readiness no longer waits for the warm-up, with what it did ({@link Warmup.Result#NONE}
     * without one); exceptionally if the warm-up broke, after which readiness follows the generators all the same.
     */
    public CompletableFuture<Warmup.Result> warmedUp() {
        return warmedUp;
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
        if (warmer != null) {
            warmer.cancel();
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
