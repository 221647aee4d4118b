package io.idmint.benchmarks.http;

import io.idmint.core.BitLayout;
import io.idmint.config.HttpSettings;
import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.server.IdService;
import io.idmint.server.http.HttpServerHandle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server for {@code bin/http-bench}, in a JVM of its own so that its resident memory can be
 * read from {@code /proc}: either the ID server ({@link HttpServerHandle} with an {@link IdService}) or
 * the baseline, a bare Vert.x "hello" handler on the same stack: the same Vert.x, the same
 * {@link HttpServerOptions}, the same number of verticle instances sharing one port, no router.
 *
 * <p>Usage: {@code HttpBenchServer hello|ids PORT INSTANCES}; PORT 0 picks a free port. Binds 127.0.0.1
 * only. Prints {@code listening on 127.0.0.1:PORT pid=PID} once serving; stops on SIGTERM.
 */
public final class HttpBenchServer {
    static final String HOST = "127.0.0.1";

    private HttpBenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("hello") || args[0].equals("ids"))) {
            System.err.println("usage: HttpBenchServer hello|ids PORT INSTANCES");
            System.exit(2);
        }
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        int instances = Integer.parseInt(args[2]);
        Runnable stop;
        int bound;
        if (mode.equals("ids")) {
            IdService service = new IdService(IdIssuer.of(NamedGenerator.snowflake(IdIssuer.DEFAULT,
                    IdGenerator.builder(BitLayout.DEFAULT).worker(1).build(), LeaseReport.NONE)));
            HttpServerHandle handle = HttpServerHandle.start(service,
                    HttpSettings.DEFAULT.withHost(HOST).withPort(port).withInstances(instances));
            bound = handle.port();
            stop = () -> {
                handle.shutdown(Duration.ofSeconds(2));
                service.close();
            };
        } else {
            bound = port != 0 ? port : freePort();
            Vertx vertx = Vertx.vertx();
            HttpServerOptions options = serverOptions(bound);
            vertx.deployVerticle(() -> new HelloVerticle(options), new DeploymentOptions().setInstances(Math.max(1, instances)))
                    .await(30, TimeUnit.SECONDS);
            stop = () -> {
                try {
                    vertx.close().await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // exiting anyway
                }
            };
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "http-bench-server-stop"));
        System.out.printf(Locale.ROOT, "%s server listening on %s:%d pid=%d instances=%d%n", mode, HOST, bound,
                ProcessHandle.current().pid(), instances);
        System.out.flush();
        stopped.await();
    }

    /** The options {@link HttpServerHandle#start} builds (plain HTTP), so that the baseline differs only in the handler. */
    static HttpServerOptions serverOptions(int port) {
        return new HttpServerOptions().setHost(HOST).setPort(port)
                .setMaxInitialLineLength(4096).setMaxHeaderSize(8192).setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** The baseline: answers every request with {@code hello}, written with {@code end(String)} as the ID routes write theirs. */
    private static final class HelloVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private HttpServer server;

        HelloVerticle(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options)
                    .requestHandler(req -> req.response().putHeader("content-type", "text/plain").end("hello"))
                    .listen()
                    .onSuccess(s -> server = s);
        }

        @Override
        public Future<?> stop() {
            return server == null ? Future.succeededFuture() : server.shutdown();
        }
    }
}
