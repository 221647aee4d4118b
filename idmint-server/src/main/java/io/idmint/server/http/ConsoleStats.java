package io.idmint.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IsoTimestamps;
import io.idmint.core.issuing.LeaseView;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.server.IdService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The JSON the console polls at {@code /api/v1/stats}: per generator, the service's own meters (IDs issued,
 * the request latency histogram, outcomes), its stats (sequence utilisation, rollbacks, lifetime), its leases
 * with their deadlines, and its ID's bit fields. Counters and histogram buckets are cumulative since start, as
 * in {@code /metrics}: the console turns two polls into a rate and windowed percentiles, so this endpoint keeps
 * no state. IDs never appear here; the numbers are counts, milliseconds and ratios.
 */
final class ConsoleStats {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IdService service;

    ConsoleStats(IdService service) {
        this.service = service;
    }

    String json() {
        long now = System.currentTimeMillis();
        ObjectNode root = JSON.createObjectNode();
        root.put("now_ms", now);
        root.put("now", IsoTimestamps.format(Instant.ofEpochMilli(now)));
        ArrayNode gens = root.putArray("generators");
        for (NamedGenerator g : service.issuer().generators()) {
            gens.add(generator(g, now));
        }
        return root.toString();
    }

    private ObjectNode generator(NamedGenerator g, long now) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", g.name());
        n.put("scheme", g.scheme());
        n.put("ready", g.readiness().ready());
        if (!g.readiness().ready()) {
            n.put("reason", g.readiness().reason());
        }
        n.put("datacenter", g.datacenter());
        n.put("worker", g.worker());
        Counter issued = service.registry().find("idmint_ids_generated").tag("generator", g.name()).counter();
        n.put("ids_generated", issued == null ? 0 : (long) issued.count());
        requests(n.putObject("requests"), g.name());
        GeneratorStats s = g.stats();
        ObjectNode st = n.putObject("stats");
        st.put("clock_lead_ms", s.leadMillis());
        st.put("rollbacks", s.rollbacks());
        st.put("largest_rollback_ms", s.largestRollbackMillis());
        if (s.lastRollbackAtMillis() >= 0) {
            st.put("last_rollback", IsoTimestamps.format(Instant.ofEpochMilli(s.lastRollbackAtMillis())));
        }
        st.put("overflow_waits", s.overflowWaits());
        st.put("borrowed_ticks", s.borrowedTicks());
        n.put("width_bits", g.codec().words() * 64);
        n.put("id_bits", g.layout().map(BitLayout::totalBits).orElse(g.codec().words() * 64));
        ArrayNode fields = n.putArray("bit_fields");
        g.layout().ifPresentOrElse(l -> {
            layoutFields(fields, l);
            st.put("sequence_capacity", s.sequenceCapacity());
            st.put("sequence_utilisation", Math.max(0, s.lastTickMaxSequence() + 1) / (double) s.sequenceCapacity());
            st.put("peak_sequence_utilisation", s.peakSequenceUtilisation());
            st.put("lifetime_used", s.lifetimeUsed());
            ObjectNode ln = n.putObject("layout");
            ln.put("name", l.name());
            ln.put("bits", l.binaryView());
            ln.put("epoch", IsoTimestamps.format(l.epoch()));
            ln.put("epoch_ms", l.epochMillis());
            ln.put("tick_millis", l.tickMillis());
            ln.put("end_of_life", IsoTimestamps.format(l.endOfLife()));
            ln.put("end_of_life_ms", l.endOfLifeMillis());
            ln.put("ids_per_second_per_worker", l.idsPerSecondPerGenerator());
            ln.put("workers", l.generators());
        }, () -> schemeFields(fields, g.scheme(), g.codec().words()));
        ArrayNode leases = n.putArray("leases");
        for (LeaseView l : g.leases().leases()) {
            ObjectNode ln = leases.addObject();
            ln.put("state", l.state());
            ln.put("worker", l.worker());
            ln.put("epoch", l.epoch());
            ln.put("ms_to_deadline", l.millisToDeadline());
            ln.put("deadline", IsoTimestamps.format(Instant.ofEpochMilli(now + l.millisToDeadline())));
            ln.put("renewals", l.renewals());
            ln.put("renewal_failures", l.renewalFailures());
            ln.put("detail", l.detail());
        }
        return n;
    }

    /**
     * Every request timer of the generator, both transports and methods: the successful requests' latency
     * histogram (bucket upper bounds in seconds, cumulative counts) and the count per outcome.
     */
    private void requests(ObjectNode n, String generator) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        TreeMap<String, Long> outcomes = new TreeMap<>();
        for (Timer t : service.registry().find("idmint_requests").tag("generator", generator).timers()) {
            String outcome = t.getId().getTag("outcome");
            outcomes.merge(outcome == null ? "unknown" : outcome, t.count(), Long::sum);
            if (IdService.OK.equals(outcome)) {
                for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
                    buckets.merge(b.bucket(TimeUnit.SECONDS), (long) b.count(), Long::sum);
                }
            }
        }
        ObjectNode o = n.putObject("outcomes");
        outcomes.forEach(o::put);
        ArrayNode le = n.putArray("bucket_le_seconds");
        ArrayNode counts = n.putArray("bucket_cumulative");
        buckets.forEach((bound, count) -> {
            le.add(bound);
            counts.add(count);
        });
    }

    /** The layout's fields, high bit first, after the unused top bits (always zero). */
    private static void layoutFields(ArrayNode fields, BitLayout l) {
        if (l.totalBits() < 64) {
            field(fields, "unused", 64 - l.totalBits(), l.totalBits());
        }
        for (Field f : l.order()) {
            if (l.width(f) > 0) {
                field(fields, f.name().toLowerCase(Locale.ROOT), l.width(f), l.shift(f));
            }
        }
    }

    /** The fixed fields of the schemes without a configurable layout. */
    private static void schemeFields(ArrayNode fields, String scheme, int words) {
        switch (scheme) {
            case "uuid7" -> {
                // RFC 9562: unix_ts_ms, ver, rand_a (idmint's counter), var, rand_b (idmint's node, then random bits)
                field(fields, "timestamp_ms", 48, 80);
                field(fields, "version", 4, 76);
                field(fields, "counter", 12, 64);
                field(fields, "variant", 2, 62);
                field(fields, "node", 32, 30);
                field(fields, "random", 30, 0);
            }
            case "wide128" -> {
                field(fields, "timestamp_ns", 64, 64);
                field(fields, "node", 48, 16);
                field(fields, "sequence", 16, 0);
            }
            default -> {
                if (words == 1) {
                    field(fields, "unused", 1, 63);
                    field(fields, "value", 63, 0);
                } else {
                    field(fields, "value", 128, 0);
                }
            }
        }
    }

    private static void field(ArrayNode fields, String name, int bits, int shift) {
        fields.addObject().put("name", name).put("bits", bits).put("shift", shift);
    }
}
