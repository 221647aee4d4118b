package io.idmint.cli;

import io.idmint.core.GeneratorStats;
import io.idmint.core.issuing.ClockStatus;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The clock events of a running {@code serve} or {@code node}, logged (logger {@code idmint.clock}) as they
 * happen: the kernel's NTP state at start and each time it changes, and each clock step back a generator
 * detected. The metrics count the same things; the log says when, with the generator and worker. Polls the
 * issuer's stats once a second on a daemon thread: nothing on the issuing path.
 */
final class ClockEvents {
    static final System.Logger LOG = System.getLogger("idmint.clock");
    static final long POLL_MILLIS = 1000;

    private final IdIssuer issuer;
    private final Map<String, Long> rollbacks = new HashMap<>();
    private ClockStatus.Ntp ntp;

    private ClockEvents(IdIssuer issuer) {
        this.issuer = issuer;
    }

    /** Logs the clock's state now, then watches it for as long as the process runs. */
    static void start(IdIssuer issuer) {
        ClockEvents events = new ClockEvents(issuer);
        events.poll();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idmint-clock-events");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(events::pollQuietly, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // a closing issuer: the next poll, if any, tries again; an exception would end the schedule
        }
    }

    private void poll() {
        ClockStatus c = issuer.clockStatus();
        if (c.ntp() != ntp) {
            boolean first = ntp == null;
            ntp = c.ntp();
            if (c.ntp() == ClockStatus.Ntp.UNSYNCHRONIZED) {
                LOG.log(System.Logger.Level.WARNING, "the kernel reports the clock not synchronized by NTP (estimated error "
                        + c.errorEstimateMillis() + " ms, bound " + c.maxErrorMillis() + " ms): clock steps are likely;"
                        + " IDs stay unique, but check NTP/chrony on this host", Map.entry("ntp_synchronized", false),
                        Map.entry("clock_error_estimate_ms", c.errorEstimateMillis()));
            } else if (c.ntp() == ClockStatus.Ntp.SYNCHRONIZED) {
                LOG.log(System.Logger.Level.INFO, "the kernel reports the clock synchronized by NTP (estimated error "
                        + c.errorEstimateMillis() + " ms)" + (first ? "" : " again"), Map.entry("ntp_synchronized", true),
                        Map.entry("clock_error_estimate_ms", c.errorEstimateMillis()));
            } else if (first) {
                LOG.log(System.Logger.Level.INFO, "the clock's NTP state cannot be read here (" + c.detail() + ")");
            }
        }
        for (NamedGenerator g : issuer.generators()) {
            GeneratorStats s = g.stats();
            Long before = rollbacks.put(g.name(), s.rollbacks());
            if (before != null && s.rollbacks() > before) {
                LOG.log(System.Logger.Level.WARNING, "generator " + g.name() + " (worker " + g.worker() + "): the clock stepped back "
                        + (s.rollbacks() - before) + " time(s) since the last check (" + s.rollbacks() + " in all, largest "
                        + s.largestRollbackMillis() + " ms); issued timestamps run " + s.leadMillis() + " ms ahead of it",
                        Map.entry("generator", g.name()), Map.entry("worker", g.worker()),
                        Map.entry("clock_rollbacks", s.rollbacks()), Map.entry("largest_rollback_ms", s.largestRollbackMillis()),
                        Map.entry("clock_lead_ms", s.leadMillis()));
            }
        }
    }
}
