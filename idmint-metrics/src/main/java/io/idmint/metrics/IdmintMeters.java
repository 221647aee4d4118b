package io.idmint.metrics;

import io.idmint.core.GeneratorStats;
import io.idmint.core.issuing.ClockStatus;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.LeaseView;
import io.idmint.core.issuing.NamedGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.DoubleSupplier;

/**
 * idmint's meters: the gauges and counters read from each generator's stats and leases (tagged with its name), the
 * process's clock, and the collision counter. The service and the Spring Boot starter both bind these, so their
 * names, types, labels and descriptions cannot drift apart, and one dashboard and one set of alert rules serve
 * both. Each meter reads the generator when scraped; nothing is counted on the issuing path.
 */
public final class IdmintMeters implements MeterBinder {
    /** Registered at 0 so the series exists before anything is found: an alert on it is armed from the start. */
    public static final String COLLISIONS = "idmint_collisions_detected";
    /** Description of {@code idmint_ids_generated}, for a process that counts issued IDs itself. */
    public static final String IDS_GENERATED_DESCRIPTION = "IDs issued";

    private final IdIssuer issuer;

    /** A binder for every generator of {@code issuer}, counting issued IDs from the generators' own stats. */
    public IdmintMeters(IdIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (NamedGenerator g : issuer.generators()) {
            FunctionCounter.builder("idmint_ids_generated", g, x -> x.stats().generated()).tag("generator", g.name())
                    .description(IDS_GENERATED_DESCRIPTION).register(registry);
            register(registry, g);
        }
        registerClock(registry, issuer);
        collisions(registry);
    }

    /**
     * The counter of IDs found issued more than once by a duplicate check reporting to this process; anything
     * above 0 is a uniqueness failure.
     */
    public static Counter collisions(MeterRegistry registry) {
        return Counter.builder(COLLISIONS).description("IDs found issued more than once by a duplicate check reporting"
                + " to this process (recordCollisions); anything above 0 is a uniqueness failure").register(registry);
    }

    /** One generator's meters apart from {@code idmint_ids_generated}, which the caller counts its own way. */
    public static void register(MeterRegistry registry, NamedGenerator g) {
        String name = g.name();
        Gauge.builder("idmint_clock_lead_seconds", g, x -> x.stats().leadMillis() / 1e3).tag("generator", name)
                .description("how far the newest issued timestamp is ahead of the wall clock").register(registry);
        Gauge.builder("idmint_generator_ready", g, x -> x.readiness().ready() ? 1 : 0).tag("generator", name)
                .description("1 while the generator can issue, 0 while it cannot (see the health endpoint for why)")
                .register(registry);
        if (g.layout().isPresent()) {
            registerLayout(registry, g);
        }
        for (NamedGenerator.SchemeGauge s : g.gauges()) {
            Gauge.builder(s.name(), s.value(), DoubleSupplier::getAsDouble).tag("generator", name).description(s.description())
                    .register(registry);
        }
        if (!g.leases().leases().isEmpty()) {
            registerLeases(registry, name, g.leases());
        }
    }

    /** What only a generator with ticks, a sequence per tick and workers has. */
    private static void registerLayout(MeterRegistry registry, NamedGenerator g) {
        String name = g.name();
        FunctionCounter.builder("idmint_sequence_overflows", g, x -> x.stats().overflowWaits()).tag("generator", name)
                .description("times a request waited for the next tick because the sequence was used up").register(registry);
        FunctionCounter.builder("idmint_sequence_overflow_wait_seconds", g, x -> x.stats().overflowWaitNanos() / 1e9)
                .tag("generator", name).description("time spent waiting for the next tick").register(registry);
        FunctionCounter.builder("idmint_clock_rollbacks", g, x -> x.stats().rollbacks()).tag("generator", name)
                .description("clock rollbacks detected").register(registry);
        Gauge.builder("idmint_sequence_utilisation_ratio", g, x -> utilisation(x.stats())).tag("generator", name)
                .description("highest sequence used in the last completed tick, as a fraction of the tick's capacity")
                .register(registry);
        Gauge.builder("idmint_layout_lifetime_used_ratio", g, x -> x.stats().lifetimeUsed()).tag("generator", name)
                .description("fraction of the layout's lifetime (epoch to end of life) passed").register(registry);
        Gauge.builder("idmint_worker_id", g, NamedGenerator::worker).tag("generator", name)
                .tag("datacenter", Integer.toString(g.datacenter())).description("this generator's worker ID")
                .register(registry);
    }

    /** The process's clock as the kernel sees it: NaN where unknown, so a dashboard shows a gap, not a zero. */
    public static void registerClock(MeterRegistry registry, IdIssuer issuer) {
        Gauge.builder("idmint_clock_ntp_synchronized", issuer, i -> {
            ClockStatus.Ntp ntp = i.clockStatus().ntp();
            return ntp == ClockStatus.Ntp.UNKNOWN ? Double.NaN : ntp == ClockStatus.Ntp.SYNCHRONIZED ? 1 : 0;
        }).description("1 while the kernel reports the clock synchronized by NTP, 0 while not (adjtimex)").register(registry);
        Gauge.builder("idmint_clock_error_estimate_seconds", issuer, i -> seconds(i.clockStatus().errorEstimateMillis()))
                .description("the kernel's estimated clock error (adjtimex esterror)").register(registry);
        Gauge.builder("idmint_clock_max_error_seconds", issuer, i -> seconds(i.clockStatus().maxErrorMillis()))
                .description("the kernel's bound on the clock error (adjtimex maxerror)").register(registry);
    }

    private static double seconds(long millisOrMinusOne) {
        return millisOrMinusOne < 0 ? Double.NaN : millisOrMinusOne / 1e3;
    }

    private static void registerLeases(MeterRegistry registry, String name, LeaseReport leases) {
        Gauge.builder("idmint_clock_offset_to_peers_seconds", leases,
                        l -> l.offsetToPeersMillis().isPresent() ? l.offsetToPeersMillis().getAsLong() / 1e3 : Double.NaN)
                .tag("generator", name)
                .description("this clock minus the median of the other lease holders' clocks (estimated from their renewals)")
                .register(registry);
        Gauge.builder("idmint_clock_offset_to_peers_error_seconds", leases, l -> seconds(l.offsetToPeersErrorMillis()))
                .tag("generator", name).description("how far the offset-to-peers estimate may be off").register(registry);
        Gauge.builder("idmint_lease_renewal_queue_depth", leases, LeaseReport::renewalQueueDepth).tag("generator", name)
                .description("renewals queued beyond the scheduled ones (at most one per lease)").register(registry);
        Gauge.builder("idmint_lease_held", leases, l -> l.leases().stream().filter(LeaseView::held).count())
                .tag("generator", name).description("worker leases currently held and valid").register(registry);
        Gauge.builder("idmint_lease_deadline_seconds", leases,
                        l -> l.leases().stream().mapToLong(LeaseView::millisToDeadline).min().orElse(0) / 1e3)
                .tag("generator", name)
                .description("time left before the first lease's deadline without a renewal (issuing stops at 0)")
                .register(registry);
        Gauge.builder("idmint_lease_epoch", leases, l -> l.leases().get(0).epoch()).tag("generator", name)
                .description("how many times the first lease's worker ID has been claimed (fencing epoch)").register(registry);
        FunctionCounter.builder("idmint_lease_renewals", leases, LeaseReport::renewals).tag("generator", name)
                .description("lease renewals acknowledged by the coordinator").register(registry);
        FunctionCounter.builder("idmint_lease_renewal_failures", leases, LeaseReport::renewalFailures).tag("generator", name)
                .description("lease renewals that failed or timed out").register(registry);
        FunctionCounter.builder("idmint_lease_losses", leases, LeaseReport::losses).tag("generator", name)
                .description("leases lost (fenced, expired or session lost) and re-claimed").register(registry);
    }

    private static double utilisation(GeneratorStats s) {
        return Math.max(0, s.lastTickMaxSequence() + 1) / (double) s.sequenceCapacity();
    }
}
