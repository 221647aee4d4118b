package io.idmint.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the YAML file into a {@link IdmintConfig.Builder}, collecting every problem instead of stopping
 * at the first; each names the key, the value, the limit and a valid example.
 */
final class ConfigFileReader {
    private static final Set<String> TOP = Set.of("layout", "generator", "http", "grpc", "workers");
    private static final Set<String> WORKERS = Set.of("allocation", "zookeeper", "etcd", "cluster", "region", "range",
            "staticRange", "ordinalFromHostname", "leaseTtlMillis", "recycleDelayMillis", "safetyMarginMillis", "perProcess");
    private static final Set<String> HTTP = Set.of("host", "port", "instances", "token", "tlsCertPath", "tlsKeyPath");
    private static final Set<String> GRPC = Set.of("host", "port");
    private static final Set<String> LAYOUT = Set.of("preset", "name", "epoch", "tickMillis", "timestampBits",
            "datacenterBits", "workerBits", "sequenceBits", "order", "lifetimeWarningDays");
    private static final Set<String> GENERATOR = Set.of("datacenter", "worker", "clock", "rollbackPolicy",
            "rollbackMaxWaitMillis", "rollbackMaxLeadMillis", "overflowPolicy", "overflowMaxLeadMillis", "stateDir",
            "reservationWindowMillis", "maxStartupWaitMillis");

    private static final java.util.Map<String, String> EXAMPLES = java.util.Map.of("layout", "preset: default",
            "generator", "worker: 3", "http", "port: 8080", "grpc", "port: 9090",
            "workers", "allocation: zookeeper");

    private final IdmintConfig.Builder out = IdmintConfig.builder();
    private final List<String> problems = out.problems;

    private ConfigFileReader() {}

    static IdmintConfig.Builder read(Path file) {
        ConfigFileReader reader = new ConfigFileReader();
        JsonNode root = reader.parse(file);
        if (root != null) {
            reader.keys(root, "", TOP);
            reader.layout(root.path("layout"));
            reader.generator(root.path("generator"));
            reader.http(root.path("http"));
            reader.grpc(root.path("grpc"));
            reader.workers(root.path("workers"));
        }
        return reader.out;
    }

    private JsonNode parse(Path file) {
        try {
            JsonNode root = new YAMLMapper().readTree(Files.readString(file));
            if (root == null || root.isMissingNode() || root.isNull()) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            }
            if (!root.isObject()) {
                problems.add("the file must be a YAML mapping with sections layout: and generator:, found a "
                        + root.getNodeType().toString().toLowerCase(Locale.ROOT) + " (example: \"layout:\\n  preset: default\")");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add("not valid YAML: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + " (example: \"generator:\\n  worker: 3\")");
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }

    private void keys(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add("unknown key " + prefix + key + ": known keys are " + new java.util.TreeSet<>(known));
            }
        }
    }

    private void layout(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!section(node, "layout", LAYOUT)) {
            return;
        }
        int before = problems.size();
        BitLayout base = BitLayout.DEFAULT;
        if (node.has("preset")) {
            String preset = node.get("preset").asText();
            try {
                base = BitLayout.preset(preset);
            } catch (IllegalArgumentException e) {
                problems.add("layout.preset " + e.getMessage() + " (example: preset: default)");
                return;
            }
        }
        BitLayout.Builder b = base.toBuilder();
        if (node.has("name")) {
            b.name(node.get("name").asText());
        } else if (hasLayoutOverrides(node)) {
            b.name(base.name() + "-custom");
        }
        epoch(node, b);
        b.tickMillis(integer(node, "layout.", "tickMillis", base.tickMillis(), 1, 1000, "tickMillis: 1"));
        b.timestampBits((int) integer(node, "layout.", "timestampBits", base.width(Field.TIMESTAMP), 1, 63, "timestampBits: 41"));
        b.datacenterBits((int) integer(node, "layout.", "datacenterBits", base.width(Field.DATACENTER), 0, 31, "datacenterBits: 5"));
        b.workerBits((int) integer(node, "layout.", "workerBits", base.width(Field.WORKER), 0, 31, "workerBits: 5"));
        b.sequenceBits((int) integer(node, "layout.", "sequenceBits", base.width(Field.SEQUENCE), 0, 30, "sequenceBits: 12"));
        order(node, b);
        out.lifetimeWarningDays = (int) integer(node, "layout.", "lifetimeWarningDays", 365, 0, 36_500, "lifetimeWarningDays: 365");
        if (problems.size() > before) {
            out.layout = null;
            return;
        }
        List<String> layoutProblems = b.problems(System.currentTimeMillis());
        for (String p : layoutProblems) {
            problems.add("layout: " + p + " (example: timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12)");
        }
        out.layout = layoutProblems.isEmpty() ? b.build() : null;
    }

    private static boolean hasLayoutOverrides(JsonNode node) {
        for (String k : List.of("epoch", "tickMillis", "timestampBits", "datacenterBits", "workerBits", "sequenceBits", "order")) {
            if (node.has(k)) {
                return true;
            }
        }
        return false;
    }

    private void epoch(JsonNode node, BitLayout.Builder b) {
        if (!node.has("epoch")) {
            return;
        }
        String text = node.get("epoch").asText();
        try {
            b.epoch(Instant.parse(text));
        } catch (DateTimeParseException e) {
            problems.add("layout.epoch must be an ISO-8601 UTC instant: layout.epoch=" + text
                    + " (example: epoch: \"2024-01-01T00:00:00Z\")");
        }
    }

    private void order(JsonNode node, BitLayout.Builder b) {
        if (!node.has("order")) {
            return;
        }
        JsonNode order = node.get("order");
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : order) {
            try {
                fields.add(Field.valueOf(f.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add("layout.order entries must be timestamp, datacenter, worker or sequence: found " + f.asText()
                        + " (example: order: [timestamp, datacenter, worker, sequence])");
                return;
            }
        }
        b.order(fields.toArray(new Field[0]));
    }

    private void generator(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || !section(node, "generator", GENERATOR)) {
            return;
        }
        out.datacenter = integer(node, "generator.", "datacenter", 0, 0, Integer.MAX_VALUE, "datacenter: 1");
        out.worker = integer(node, "generator.", "worker", 0, 0, Integer.MAX_VALUE, "worker: 3");
        out.clock = choice(node, "clock", IdmintConfig.ClockKind.class, out.clock, "clock: system");
        out.rollback = choice(node, "rollbackPolicy", IdmintConfig.RollbackKind.class, out.rollback, "rollbackPolicy: wait");
        out.rollbackMaxWaitMillis = integer(node, "generator.", "rollbackMaxWaitMillis", 1000, 0, 3_600_000, "rollbackMaxWaitMillis: 1000");
        out.rollbackMaxLeadMillis = integer(node, "generator.", "rollbackMaxLeadMillis", 1000, 0, 3_600_000, "rollbackMaxLeadMillis: 1000");
        out.overflow = choice(node, "overflowPolicy", IdmintConfig.OverflowKind.class, out.overflow, "overflowPolicy: spin");
        out.overflowMaxLeadMillis = integer(node, "generator.", "overflowMaxLeadMillis", 0, 0, 3_600_000, "overflowMaxLeadMillis: 10");
        out.reservationWindowMillis = integer(node, "generator.", "reservationWindowMillis", 1000, 10, 3_600_000, "reservationWindowMillis: 1000");
        out.maxStartupWaitMillis = integer(node, "generator.", "maxStartupWaitMillis", 3000, 0, 3_600_000, "maxStartupWaitMillis: 3000");
        if (node.has("stateDir")) {
            JsonNode dir = node.get("stateDir");
            out.stateDir = dir.isNull() || dir.asText().isEmpty() ? null : Path.of(dir.asText());
        }
    }

    private void http(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || !section(node, "http", HTTP)) {
            return;
        }
        out.httpHost = node.path("host").asText(out.httpHost);
        out.httpPort = (int) integer(node, "http.", "port", out.httpPort, 0, 65535, "port: 8080");
        out.httpInstances = (int) integer(node, "http.", "instances", out.httpInstances, 1, 64, "instances: 2");
        if (node.has("token")) {
            out.bearerToken = node.get("token").asText().isEmpty() ? null : node.get("token").asText();
        }
        if (node.has("tlsCertPath")) {
            out.tlsCertPath = Path.of(node.get("tlsCertPath").asText());
        }
        if (node.has("tlsKeyPath")) {
            out.tlsKeyPath = Path.of(node.get("tlsKeyPath").asText());
        }
    }

    private void grpc(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || !section(node, "grpc", GRPC)) {
            return;
        }
        out.grpcHost = node.path("host").asText(out.grpcHost);
        out.grpcPort = (int) integer(node, "grpc.", "port", out.grpcPort, 0, 65535, "port: 9090");
    }

    private void workers(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || !section(node, "workers", WORKERS)) {
            return;
        }
        Workers d = Workers.STATIC;
        IdmintConfig.AllocationKind kind = choice(node, "workers.", "allocation", IdmintConfig.AllocationKind.class,
                d.allocation(), "allocation: zookeeper");
        int[] range = range(node, "range", 0, -1, "range: 16..31");
        int[] staticRange = range(node, "staticRange", 0, -1, "staticRange: 0..15");
        out.workers = new Workers(kind, text(node, "zookeeper"), text(node, "etcd"), node.path("cluster").asText(d.cluster()),
                node.path("region").asText(d.region()), range[0], range[1], staticRange[0], staticRange[1],
                integer(node, "workers.", "leaseTtlMillis", d.leaseTtlMillis(), 1000, 3_600_000, "leaseTtlMillis: 10000"),
                integer(node, "workers.", "recycleDelayMillis", d.recycleDelayMillis(), 0, 86_400_000, "recycleDelayMillis: 10000"),
                integer(node, "workers.", "safetyMarginMillis", d.safetyMarginMillis(), 1, 3_600_000, "safetyMarginMillis: 2000"),
                (int) integer(node, "workers.", "perProcess", 1, 1, 1024, "perProcess: 2"));
        if (node.path("ordinalFromHostname").asBoolean(false)) {
            String host = Hostnames.local();
            Hostnames.ordinal(host).ifPresentOrElse(out::worker, () -> problems.add("workers.ordinalFromHostname needs a"
                    + " hostname ending in -N, as StatefulSet pods have (idmint-3 -> worker 3): hostname=" + host));
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private int[] range(JsonNode node, String key, int first, int last, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return new int[] {first, last};
        }
        java.util.OptionalInt[] r = Workers.parseRange(v.asText());
        if (r[0].isEmpty()) {
            problems.add("workers." + key + " must look like first..last: workers." + key + "=" + v.asText() + " (example: " + example + ")");
            return new int[] {first, last};
        }
        return new int[] {r[0].getAsInt(), r[1].getAsInt()};
    }

    private boolean section(JsonNode node, String name, Set<String> known) {
        if (!node.isObject()) {
            problems.add(name + " must be a mapping of keys to values: found " + node.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + " (example: \"" + name + ":\\n  " + EXAMPLES.getOrDefault(name, "worker: 3") + "\")");
            return false;
        }
        keys(node, name + ".", known);
        return true;
    }

    private long integer(JsonNode node, String prefix, String key, long fallback, long min, long max, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            problems.add(prefix + key + " must be a whole number " + min + ".." + max + ": " + prefix + key + "=" + v.asText()
                    + " (example: " + example + ")");
            return fallback;
        }
        long value = v.asLong();
        if (value < min || value > max) {
            problems.add(prefix + key + " must be " + min + ".." + max + ": " + prefix + key + "=" + value + " (example: " + example + ")");
            return fallback;
        }
        return value;
    }

    private <E extends Enum<E>> E choice(JsonNode node, String key, Class<E> type, E fallback, String example) {
        return choice(node, "generator.", key, type, fallback, example);
    }

    private <E extends Enum<E>> E choice(JsonNode node, String prefix, String key, Class<E> type, E fallback, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        String text = v.asText().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.add(prefix + key + " must be one of " + names + ": " + prefix + key + "=" + v.asText()
                + " (example: " + example + ")");
        return fallback;
    }
}
