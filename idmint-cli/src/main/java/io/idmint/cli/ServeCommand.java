package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.server.IdmintServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the ID service: HTTP on 127.0.0.1:8080 and gRPC on 127.0.0.1:9090 by default, worker 0,"
                + " high-water mark under ./data. No other server is needed.",
                "Settings come from the config file, then IDMINT_* environment variables, then these flags."
                        + " SIGTERM stops accepting, finishes in-flight requests and stores the high-water mark."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    GeneratorOptions options;

    @Mixin
    WorkerAllocationOptions allocation;

    @Mixin
    TestClockOffset.Flag testClock;

    @Option(names = "--host", description = "Address both transports bind (default 127.0.0.1).")
    String host;

    @Option(names = "--http-port", description = "HTTP port (default 8080; 0 = any free port).")
    Integer httpPort;

    @Option(names = "--grpc-port", description = "gRPC port (default 9090; 0 = any free port).")
    Integer grpcPort;

    @Option(names = "--worker", description = "Worker ID.")
    Long worker;

    @Override
    public Integer call() throws Exception {
        IdmintConfig cfg = testClock.apply(configure(), System.err);
        IdmintServer server = IdmintServer.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "idmint-shutdown"));
        System.err.printf("idmint: serving HTTP on %s:%d and gRPC on %s:%d as datacenter %d, worker %d (%s), layout %s%n",
                cfg.httpHost(), server.httpPort(), cfg.grpcHost(), server.grpcPort(), cfg.datacenter(),
                server.service().worker(), server.service().health().leaseState(), cfg.layout().name());
        server.awaitClosed();
        return ExitCodes.OK;
    }

    IdmintConfig configure() {
        IdmintConfig.Builder b = options.builder(Path.of("data"));
        b.applyEnvironment(System.getenv());
        options.applyFlags(b);
        allocation.applyFlags(b);
        if (host != null) {
            b.httpHost(host).grpcHost(host);
        }
        if (httpPort != null) {
            b.httpPort(httpPort);
        }
        if (grpcPort != null) {
            b.grpcPort(grpcPort);
        }
        if (worker != null) {
            b.worker(worker);
        }
        return b.build();
    }
}
