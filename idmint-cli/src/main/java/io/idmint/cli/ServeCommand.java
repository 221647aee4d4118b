package io.idmint.cli;

import io.idmint.composition.Composition;
import io.idmint.config.IdmintConfig;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseView;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.server.Health;
import io.idmint.server.IdmintServer;
import io.idmint.server.Warmup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the ID service: HTTP on 127.0.0.1:8080 and gRPC on 127.0.0.1:9090 by default, worker 0,"
                + " high-water mark under ./data. No other server is needed.",
                "Settings come from the config file, then IDMINT_* environment variables, then these flags."
                        + " Every generator of the config is served; requests name one with 'generator'."
                        + " SIGTERM stops accepting, finishes in-flight requests and stores the high-water marks."})
final class ServeCommand implements Callable<Integer> {
    /** Start-up events; their text lines read {@code ... INFO  idmint: serving HTTP on ...}, as scripts expect. */
    static final System.Logger LOG = System.getLogger("idmint");

    @Mixin
    GeneratorOptions options;

    @Mixin
    LogOptions logs;

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

    @Option(names = "--worker", description = "Worker ID of the default generator.")
    Long worker;

    @Option(names = "--warmup-requests", paramLabel = "N", description = "Requests serve sends itself over each transport"
            + " before readiness says ready (http.warmupRequests; default 2000, within 2 s; 0 = ready at once).")
    Integer warmupRequests;

    @Override
    public Integer call() throws Exception {
        logs.install(options.config);
        IdmintConfig cfg = configure();
        IdIssuer issuer = Composition.open(cfg, testClock.clock(LOG)).issuer();
        IdmintServer server = IdmintServer.start(issuer, cfg.http(), cfg.grpc(), Warmup.of(cfg.http().warmupRequests()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "idmint-shutdown"));
        LOG.log(System.Logger.Level.INFO, "serving HTTP on " + cfg.http().host() + ":" + server.httpPort() + " and gRPC on "
                        + cfg.grpc().host() + ":" + server.grpcPort(), Map.entry("http_port", server.httpPort()),
                Map.entry("grpc_port", server.grpcPort()));
        Health health = server.service().health();
        for (NamedGenerator g : issuer.generators()) {
            Health.GeneratorHealth h = health.generators().stream().filter(x -> x.name().equals(g.name())).findFirst()
                    .orElseThrow();
            LOG.log(System.Logger.Level.INFO, "generator " + g.name() + " (" + g.scheme() + "): datacenter " + g.datacenter()
                    + ", worker " + g.worker() + " (" + h.leaseState() + ")" + g.layout().map(l -> ", layout " + l.name()).orElse(""),
                    generatorFields(g, h.leaseState()));
        }
        if (cfg.http().warmupRequests() > 0) {
            server.warmedUp().whenComplete(ServeCommand::logWarmUp);
        }
        ClockEvents.start(issuer);
        server.awaitClosed();
        return ExitCodes.OK;
    }

    /** The warm-up's end, after which readiness follows the generators alone. */
    private static void logWarmUp(Warmup.Result r, Throwable failure) {
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "warm-up failed, ready without it: " + failure, failure);
            return;
        }
        LOG.log(System.Logger.Level.INFO, "warmed up in " + r.millis() + " ms (" + r.requests() + " requests)",
                Map.entry("warmup_ms", r.millis()), Map.entry("warmup_requests", r.requests()));
    }

    /** The fields of a generator's start-up event: generator, scheme, datacenter, worker, lease state and epoch. */
    static Object[] generatorFields(NamedGenerator g, String leaseState) {
        List<Object> f = new ArrayList<>(List.of(Map.entry("generator", g.name()),
                Map.entry("scheme", g.scheme()), Map.entry("datacenter", g.datacenter()), Map.entry("worker", g.worker()),
                Map.entry("lease_state", leaseState)));
        List<LeaseView> leases = g.leases().leases();
        if (!leases.isEmpty() && leases.get(0).epoch() >= 0) {
            f.add(Map.entry("lease_epoch", leases.get(0).epoch()));
        }
        return f.toArray();
    }

    IdmintConfig configure() {
        IdmintConfig cfg = options.applyFlags(options.load(Path.of("data")).withEnvironment(System.getenv()));
        cfg = allocation.applyFlags(cfg);
        if (host != null) {
            cfg = cfg.withHttp(h -> h.withHost(host)).withGrpc(g -> g.withHost(host));
        }
        if (httpPort != null) {
            cfg = cfg.withHttp(h -> h.withPort(httpPort));
        }
        if (grpcPort != null) {
            cfg = cfg.withGrpc(g -> g.withPort(grpcPort));
        }
        if (warmupRequests != null) {
            cfg = cfg.withHttp(h -> h.withWarmupRequests(warmupRequests));
        }
        if (worker != null) {
            cfg = cfg.withGenerator(s -> s.withWorker(worker));
        }
        return cfg.validate(options.source());
    }
}
