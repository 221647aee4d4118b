package io.idmint.server;

import io.idmint.core.FailureKind;
import io.idmint.core.GeneratorStats;
import io.idmint.core.Readiness;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseView;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.metrics.IdmintMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What HTTP and gRPC share beyond the issuing core: the Prometheus registry, the count of IDs issued per
 * generator, request timers and the health report. Issuing itself goes through {@link IdIssuer}, so the
 * rules (batch size, generator names, failure kinds) are the ones every face uses. Thread-safe.
 */
public final class IdService implements AutoCloseable {
    /** The outcome label of a successful request. */
    public static final String OK = "ok";
    /** The generator label of a request that named no generator this process serves. */
    public static final String UNKNOWN_GENERATOR = "unknown";

    private final IdIssuer issuer;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<NamedGenerator, Counter> issued = new HashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter collisions;
    /** Why readiness waits for the warm-up, or null: the generators decide alone. */
    private volatile String warming;

    public IdService(IdIssuer issuer) {
        this.issuer = issuer;
        for (NamedGenerator g : issuer.generators()) {
            issued.put(g, Counter.builder("idmint_ids_generated").description(IdmintMeters.IDS_GENERATED_DESCRIPTION)
                    .tag("generator", g.name()).register(registry));
            IdmintMeters.register(registry, g);
        }
        IdmintMeters.registerClock(registry, issuer);
        collisions = IdmintMeters.collisions(registry);
    }

    /**
     * Counts {@code count} IDs found issued more than once by a duplicate check running in this process (an
     * embedded {@code IdClient} with {@code checkDuplicates}, a verifier): {@code idmint_collisions_detected_total}
     * on {@code /metrics}, and an ERROR event naming {@code source}.
     */
    public void recordCollisions(String source, long count) {
        if (count <= 0) {
            return;
        }
        collisions.increment(count);
        System.getLogger(IdService.class.getName()).log(System.Logger.Level.ERROR, source + " found " + count
                + " ID(s) issued more than once (" + (long) collisions.count() + " reported to this process in all)",
                Map.entry("source", source), Map.entry("collisions", count));
    }

    /** IDs reported issued more than once so far (see {@link #recordCollisions}). */
    public long collisionsDetected() {
        return (long) collisions.count();
    }

    public IdIssuer issuer() {
        return issuer;
    }

    /** @throws io.idmint.core.issuing.UnknownGeneratorException listing the generators served */
    public NamedGenerator generator(String name) {
        return issuer.generator(name);
    }

    /** Issues without waiting and returns the highest sequence, or -1 having issued nothing: see {@link IdIssuer#tryIssue}. */
    public int tryIssue(NamedGenerator g, long[] into, int offset, BatchSize count) {
        int maxSequence = issuer.tryIssue(g, into, offset, count);
        if (maxSequence >= 0) {
            issued.get(g).increment(count.value());
        }
        return maxSequence;
    }

    /** Issues, waiting where the generator must; returns the batch's highest sequence. */
    public int issue(NamedGenerator g, long[] into, int offset, BatchSize count) {
        int maxSequence = issuer.issue(g, into, offset, count);
        issued.get(g).increment(count.value());
        return maxSequence;
    }

    /**
     * The process's health: ready when every generator can issue and no warm-up is running (see
     * {@link Warmup}); each generator's own state, which a warm-up does not change.
     */
    public Health health() {
        List<Health.GeneratorHealth> each = new ArrayList<>();
        for (NamedGenerator g : issuer.generators()) {
            each.add(health(g));
        }
        Readiness r = issuer.readiness();
        String warmingReason = warming;
        boolean ready = r.ready() && warmingReason == null;
        return new Health(ready, ready ? "UP" : "DOWN", r.ready() ? warmingReason : r.reason(), issuer.clockStatus(), each);
    }

    /** Readiness says DOWN, with {@link Warmup#REASON}, until {@link #warmedUp()}; IDs are issued meanwhile. */
    void warmingUp() {
        warming = Warmup.REASON;
    }

    /** The warm-up is over: readiness follows the generators alone again. */
    void warmedUp() {
        warming = null;
    }

    private static Health.GeneratorHealth health(NamedGenerator g) {
        GeneratorStats s = g.stats();
        Readiness r = g.readiness();
        long sinceRollback = s.lastRollbackAtMillis() < 0 ? -1 : System.currentTimeMillis() - s.lastRollbackAtMillis();
        java.util.OptionalLong offset = g.leases().offsetToPeersMillis();
        return new Health.GeneratorHealth(g.name(), r.ready(), r.reason(), s.leadMillis(), g.datacenter(), g.worker(),
                leaseState(g.leases().leases()), sinceRollback, offset.isPresent() ? offset.getAsLong() : null,
                g.leases().offsetToPeersErrorMillis());
    }

    private static String leaseState(List<LeaseView> leases) {
        if (leases.isEmpty()) {
            return "static";
        }
        return leases.stream().filter(l -> !l.held()).map(LeaseView::state).findFirst().orElse("held");
    }

    /**
     * The request timer for these labels; hot paths look it up once and keep it. {@code outcome} is
     * {@link #OK} or a {@link #outcome(FailureKind) failure kind}, the same words on every transport.
     */
    public Timer requestTimer(String transport, String method, String generator, String outcome) {
        return timers.computeIfAbsent(transport + '|' + method + '|' + generator + '|' + outcome, k -> Timer.builder("idmint_requests")
                .description("requests served").tags("transport", transport, "method", method, "generator", generator,
                        "outcome", outcome)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry));
    }

    public void recordRequest(String transport, String method, String generator, String outcome, long nanos) {
        requestTimer(transport, method, generator, outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The outcome label of a failure: {@code invalid_request}, {@code retry_later}, {@code permanent}, {@code internal}. */
    public static String outcome(FailureKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops issuing: requests from now on fail as "retry later", with {@code reason}. */
    public void stopIssuing(String reason) {
        issuer.stopIssuing(reason);
    }

    /** Stops issuing and closes every generator, which stores its exact high-water mark or releases its leases. */
    @Override
    public void close() {
        try {
            issuer.close();
        } finally {
            registry.close();
        }
    }
}
