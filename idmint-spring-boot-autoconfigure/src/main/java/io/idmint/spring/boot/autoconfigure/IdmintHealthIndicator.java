package io.idmint.spring.boot.autoconfigure;

import io.idmint.core.GeneratorStats;
import io.idmint.core.Readiness;
import io.idmint.core.issuing.ClockStatus;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseView;
import io.idmint.core.issuing.NamedGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code idmint} in the actuator's health: UP while every generator could issue now, DOWN with the first
 * reason otherwise (a worker lease lost or being re-claimed, the clock behind issued IDs beyond the rollback
 * policy's bound, an unsynchronized clock where {@code idmint.clock.require-ntp-sync} is set). The details show
 * each generator's lease state, worker, clock lead and rollbacks, and the kernel's view of the clock: what the
 * service's health endpoint shows.
 */
public class IdmintHealthIndicator implements HealthIndicator {
    private final IdIssuer issuer;

    public IdmintHealthIndicator(IdIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public Health health() {
        Readiness r = issuer.readiness();
        Health.Builder b = r.ready() ? Health.up() : Health.down().withDetail("reason", r.reason());
        b.withDetail("canIssue", r.ready());
        ClockStatus c = issuer.clockStatus();
        Map<String, Object> clock = new LinkedHashMap<>();
        clock.put("ntp", c.ntp().name().toLowerCase(Locale.ROOT));
        clock.put("errorEstimateMs", c.errorEstimateMillis());
        clock.put("maxErrorMs", c.maxErrorMillis());
        clock.put("detail", c.detail());
        b.withDetail("clock", clock);
        Map<String, Object> generators = new LinkedHashMap<>();
        for (NamedGenerator g : issuer.generators()) {
            generators.put(g.name(), generator(g));
        }
        return b.withDetail("generators", generators).build();
    }

    static Map<String, Object> generator(NamedGenerator g) {
        Readiness r = g.readiness();
        GeneratorStats s = g.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", g.scheme());
        m.put("ready", r.ready());
        if (!r.ready()) {
            m.put("reason", r.reason());
        }
        g.layout().ifPresent(l -> m.put("layout", l.name()));
        m.put("datacenter", g.datacenter());
        m.put("worker", g.worker());
        List<LeaseView> leases = g.leases().leases();
        m.put("leaseState", leases.isEmpty() ? "static"
                : leases.stream().filter(l -> !l.held()).map(LeaseView::state).findFirst().orElse("held"));
        if (!leases.isEmpty()) {
            List<Map<String, Object>> each = new ArrayList<>();
            for (LeaseView l : leases) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("state", l.state());
                v.put("worker", l.worker());
                v.put("epoch", l.epoch());
                v.put("millisToDeadline", l.millisToDeadline());
                v.put("renewals", l.renewals());
                v.put("renewalFailures", l.renewalFailures());
                v.put("detail", l.detail());
                each.add(v);
            }
            m.put("leases", each);
            m.put("leaseLosses", g.leases().losses());
            OptionalLong offset = g.leases().offsetToPeersMillis();
            if (offset.isPresent()) {
                m.put("offsetToPeersMs", offset.getAsLong());
                m.put("offsetToPeersErrorMs", g.leases().offsetToPeersErrorMillis());
            }
        }
        m.put("clockLeadMs", s.leadMillis());
        m.put("rollbacks", s.rollbacks());
        m.put("millisSinceLastRollback", s.lastRollbackAtMillis() < 0 ? -1 : System.currentTimeMillis() - s.lastRollbackAtMillis());
        m.put("generated", s.generated());
        return m;
    }
}
