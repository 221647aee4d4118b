package io.idmint.server;

import io.idmint.coordination.LeaseStatus;
import io.idmint.coordination.LeasedIdGenerator;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport-independent service both HTTP and gRPC call: issues IDs from one generator, validates
 * counts, keeps the health state and the Prometheus metrics. Thread-safe.
 */
public final class IdService implements AutoCloseable {
    /** The largest batch one request may ask for. */
    public static final int MAX_BATCH = 100_000;

    private final IdGenerator generator;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter idsIssued;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile String unavailableReason;

    public IdService(IdGenerator generator) {
        this.generator = generator;
        this.idsIssued = Counter.builder("idmint_ids_generated").description("IDs issued").register(registry);
        registerGeneratorMeters();
        if (generator instanceof LeasedIdGenerator leased) {
            registerLeaseMeters(leased);
        }
    }

    private void registerLeaseMeters(LeasedIdGenerator leased) {
        Gauge.builder("idmint_lease_held", leased, l -> l.leases().stream().filter(LeaseStatus::held).count())
                .description("worker leases currently held and valid").register(registry);
        Gauge.builder("idmint_lease_deadline_seconds", leased,
                        l -> l.leases().stream().mapToLong(LeaseStatus::millisToDeadline).min().orElse(0) / 1e3)
                .description("time left before the first lease's deadline without a renewal (issuing stops at 0)")
                .register(registry);
        Gauge.builder("idmint_lease_epoch", leased, l -> l.leases().get(0).epoch())
                .description("how many times the first lease's worker ID has been claimed (fencing epoch)").register(registry);
        FunctionCounter.builder("idmint_lease_renewals", leased, LeasedIdGenerator::renewals)
                .description("lease renewals acknowledged by the coordinator").register(registry);
        FunctionCounter.builder("idmint_lease_renewal_failures", leased, LeasedIdGenerator::renewalFailures)
                .description("lease renewals that failed or timed out").register(registry);
        FunctionCounter.builder("idmint_lease_losses", leased, LeasedIdGenerator::losses)
                .description("leases lost (fenced, expired or session lost) and re-claimed").register(registry);
    }

    private void registerGeneratorMeters() {
        FunctionCounter.builder("idmint_sequence_overflows", this, s -> s.stats().overflowWaits())
                .description("times a request waited for the next tick because the sequence was used up").register(registry);
        FunctionCounter.builder("idmint_sequence_overflow_wait_seconds", this, s -> s.stats().overflowWaitNanos() / 1e9)
                .description("time spent waiting for the next tick").register(registry);
        FunctionCounter.builder("idmint_clock_rollbacks", this, s -> s.stats().rollbacks())
                .description("clock rollbacks detected").register(registry);
        Gauge.builder("idmint_sequence_utilisation_ratio", this, s -> seqUtilisation(s.stats()))
                .description("highest sequence used in the last completed tick, as a fraction of the tick's capacity")
                .register(registry);
        Gauge.builder("idmint_clock_lead_seconds", this, s -> s.stats().leadMillis() / 1e3)
                .description("how far the newest issued timestamp is ahead of the wall clock").register(registry);
        Gauge.builder("idmint_layout_lifetime_used_ratio", this, s -> s.stats().lifetimeUsed())
                .description("fraction of the layout's lifetime (epoch to end of life) passed").register(registry);
        Gauge.builder("idmint_worker_id", this, s -> s.generator.worker())
                .description("this generator's worker ID").tag("datacenter", Integer.toString(generator.datacenter()))
                .register(registry);
    }

    private static double seqUtilisation(GeneratorStats s) {
        return Math.max(0, s.lastTickMaxSequence() + 1) / (double) s.sequenceCapacity();
    }

    public long nextId() {
        checkAvailable();
        long id = generator.nextId();
        idsIssued.increment();
        return id;
    }

    /**
     * Writes {@code count} IDs into {@code into[offset..]}; returns the batch's highest sequence.
     *
     * @throws IllegalArgumentException when count is outside 1..{@value #MAX_BATCH}
     */
    public int nextIds(long[] into, int offset, int count) {
        checkCount(count);
        checkAvailable();
        int maxSequence = generator.nextIds(into, offset, count);
        idsIssued.increment(count);
        return maxSequence;
    }

    public static void checkCount(long count) {
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalArgumentException("count must be 1.." + MAX_BATCH + ": count=" + count);
        }
    }

    private void checkAvailable() {
        String reason = unavailableReason;
        if (reason != null) {
            throw new ServiceUnavailableException(reason);
        }
    }

    public DecodedId decode(long id) {
        return generator.layout().decode(id);
    }

    public BitLayout layout() {
        return generator.layout();
    }

    public int datacenter() {
        return generator.datacenter();
    }

    public int worker() {
        return generator.worker();
    }

    public GeneratorStats stats() {
        return generator.stats();
    }

    public Health health() {
        GeneratorStats s = generator.stats();
        String reason = unavailableReason;
        long sinceRollback = s.lastRollbackAtMillis() < 0 ? -1 : System.currentTimeMillis() - s.lastRollbackAtMillis();
        String leaseState = "static";
        if (generator instanceof LeasedIdGenerator leased) {
            List<LeaseStatus> leases = leased.leases();
            leaseState = leases.stream().allMatch(LeaseStatus::held) ? "held" : leases.get(0).state();
            LeaseStatus notHeld = leases.stream().filter(l -> !l.held()).findFirst().orElse(null);
            if (notHeld != null && reason == null) {
                reason = "worker lease " + notHeld.state() + ": " + notHeld.detail();
            }
        }
        return new Health(reason == null, reason == null ? "UP" : "DOWN", reason, s.leadMillis(), generator.datacenter(),
                generator.worker(), leaseState, sinceRollback);
    }

    /** Records one request for the latency histogram and the request counter. */
    public void recordRequest(String transport, String method, String outcome, long nanos) {
        requestTimer(transport, method, outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The request timer for these labels; hot paths look it up once and keep it. */
    public Timer requestTimer(String transport, String method, String outcome) {
        return timers.computeIfAbsent(transport + '|' + method + '|' + outcome, k -> Timer.builder("idmint_requests")
                .description("requests served").tags("transport", transport, "method", method, "outcome", outcome)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops issuing: requests from now on get {@link ServiceUnavailableException} with {@code reason}. */
    public void stopIssuing(String reason) {
        this.unavailableReason = reason;
    }

    /** Lets requests through again after {@link #stopIssuing(String)}. */
    public void resumeIssuing() {
        this.unavailableReason = null;
    }

    /** Stops issuing and closes the generator, which persists the exact high-water mark. */
    @Override
    public void close() {
        stopIssuing("shutting down");
        generator.close();
        registry.close();
    }
}
