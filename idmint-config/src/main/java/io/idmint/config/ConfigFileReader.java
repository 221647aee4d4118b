package io.idmint.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.Field;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the YAML file into an {@link IdmintConfig}, collecting every problem instead of stopping at the
 * first; each names the key, the value, the limit and a valid example. A key that is absent keeps the
 * value the section starts from: the defaults at the top level, the top level's own values in a named
 * generator.
 */
final class ConfigFileReader {
    private static final Set<String> TOP = Set.of("layout", "generator", "http", "grpc", "workers", "generators", "clock", "logging",
            "scheme", "hlc", "uuid7", "wide128", "segment");
    private static final Set<String> CLOCK = Set.of("requireNtpSync", "maxOffsetToPeersMillis");
    private static final Set<String> NAMED = Set.of("layout", "generator", "workers", "scheme", "hlc", "uuid7", "wide128",
            "segment");
    private static final Set<String> HLC = Set.of("maxDriftMillis");
    private static final Set<String> UUID7 = Set.of("node");
    private static final Set<String> WIDE128 = Set.of("node", "maxLeadMillis");
    private static final Set<String> SEGMENT = Set.of("store", "url", "urls", "user", "passwordEnv", "bizTag", "step",
            "minStep", "maxStep", "segmentDurationMillis", "refillAtUsedRatio", "maxWaitMillis", "requireDurable");
    private static final Set<String> WORKERS = Set.of("allocation", "zookeeper", "etcd", "cluster", "region", "range",
            "staticRange", "ordinalFromHostname", "leaseTtlMillis", "recycleDelayMillis", "safetyMarginMillis", "perProcess");
    private static final Set<String> HTTP = Set.of("host", "port", "instances", "token", "tlsCertPath", "tlsKeyPath",
            "warmupRequests");
    private static final Set<String> GRPC = Set.of("host", "port");
    private static final Set<String> LAYOUT = Set.of("preset", "name", "epoch", "tickMillis", "timestampBits",
            "datacenterBits", "workerBits", "sequenceBits", "order", "lifetimeWarningDays");
    private static final Set<String> GENERATOR = Set.of("datacenter", "worker", "clock", "rollbackPolicy",
            "rollbackMaxWaitMillis", "rollbackMaxLeadMillis", "overflowPolicy", "overflowMaxLeadMillis", "stateDir",
            "reservationWindowMillis", "maxStartupWaitMillis");
    private static final List<String> ROLLBACK_POLICIES = List.of("wait", "logical-offset", "fail-fast");
    private static final List<String> OVERFLOW_POLICIES = List.of("spin", "borrow");
    private static final Map<String, String> EXAMPLES = Map.of("layout", "preset: default", "generator", "worker: 3",
            "http", "port: 8080", "grpc", "port: 9090", "workers", "allocation: zookeeper", "generators", "orders: {}",
            "clock", "requireNtpSync: true");

    /** What the file holds, with every problem found; the config holds fallbacks where a value was invalid. */
    record Result(IdmintConfig config, List<String> problems) {}

    private final List<String> problems = new ArrayList<>();
    /** Generators whose layout section did not read: the checks against their layout would only mislead. */
    private final Set<String> layoutUnread = new java.util.HashSet<>();
    private boolean layoutFailed;

    private ConfigFileReader() {}

    static Result read(Path file) {
        ConfigFileReader r = new ConfigFileReader();
        JsonNode root = r.parse(file);
        if (root == null) {
            return new Result(IdmintConfig.defaults(), r.problems);
        }
        r.keys(root, "", TOP);
        HttpSettings http = r.http(root.path("http"));
        GrpcSettings grpc = r.grpc(root.path("grpc"));
        GeneratorConfig top = r.generatorConfig(root, "", GeneratorConfig.DEFAULT);
        IdmintConfig cfg = new IdmintConfig(http, grpc, top, r.named(root.path("generators"), top), r.clock(root.path("clock")));
        r.logging(root.path("logging"));
        r.problems.addAll(cfg.problems(r.layoutUnread));
        return new Result(cfg, r.problems);
    }

    private JsonNode parse(Path file) {
        try {
            // A repeated key would otherwise be resolved silently, the last one winning.
            JsonNode root = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
                    .readTree(Files.readString(file));
            if (root == null || root.isMissingNode() || root.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!root.isObject()) {
                problems.add("the file must be a YAML mapping with sections layout: and generator:, found " + article(root)
                        + " (example: \"layout:\\n  preset: default\")");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getOriginalMessage().contains("line ") || e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr(); // the YAML parser's own text names the line where it can
            problems.add("not valid YAML: " + e.getOriginalMessage() + where + " (example: \"generator:\\n  worker: 3\")");
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }

    private void keys(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add("unknown key " + prefix + key + ": known keys are " + new TreeSet<>(known));
            }
        }
    }

    /** The {@code layout:}, {@code generator:} and {@code workers:} sections of {@code owner} over {@code base}. */
    private GeneratorConfig generatorConfig(JsonNode owner, String prefix, GeneratorConfig base) {
        SchemeSettings scheme = scheme(owner, prefix);
        GeneratorSettings start = base.generator();
        if (scheme instanceof SchemeSettings.Hlc && !owner.path("layout").has("preset")) {
            // An HLC needs the node below the counter: it starts from that preset, not from the top level's layout.
            start = start.withLayout(BitLayout.preset("hlc"));
        }
        GeneratorSettings g = layout(owner.path("layout"), prefix, start);
        // A named generator that does not pick a preset of its own builds on the top level's layout: when
        // that did not read, neither did this one.
        boolean onUnreadTop = !prefix.isEmpty() && layoutUnread.contains(IdIssuer.DEFAULT) && !owner.path("layout").has("preset");
        if (layoutFailed || onUnreadTop) {
            layoutUnread.add(base.name());
            layoutFailed = false;
        }
        g = generator(owner.path("generator"), prefix, g);
        Workers w = workers(owner.path("workers"), prefix, base.workers());
        JsonNode ordinal = owner.path("workers").path("ordinalFromHostname");
        if (!ordinal.isMissingNode() && !ordinal.isBoolean()) {
            problems.add(prefix + "workers.ordinalFromHostname must be true or false: " + prefix
                    + "workers.ordinalFromHostname=" + ordinal + " (example: ordinalFromHostname: true)");
        } else if (ordinal.asBoolean(false)) {
            String host = Hostnames.local();
            if (Hostnames.ordinal(host).isPresent()) {
                g = g.withWorker(Hostnames.ordinal(host).getAsLong());
            } else {
                problems.add(prefix + "workers.ordinalFromHostname needs a hostname ending in -N, as StatefulSet pods have"
                        + " (idmint-3 -> worker 3): hostname=" + host + " (example: hostname idmint-3)");
            }
        }
        return new GeneratorConfig(base.name(), g, w, scheme);
    }

    /** {@code scheme:} and the section of the scheme it names; a section of another scheme is a mistake. */
    private SchemeSettings scheme(JsonNode owner, String prefix) {
        String name = word(owner, prefix, "scheme", SchemeSettings.NAMES, "snowflake", "scheme: segment");
        for (String other : List.of("hlc", "uuid7", "wide128", "segment")) {
            if (owner.has(other) && !other.equals(name)) {
                problems.add(prefix + other + ": is the section of scheme " + other + ", but " + prefix + "scheme="
                        + name + " (example: scheme: " + other + ")");
            }
        }
        JsonNode node = owner.path(name);
        boolean given = !node.isMissingNode() && !node.isNull();
        Set<String> keys = Map.of("hlc", HLC, "uuid7", UUID7, "wide128", WIDE128, "segment", SEGMENT).get(name);
        if (given && (keys == null || !section(node, prefix + name, keys))) {
            node = JsonNodeFactory.instance.objectNode();
        }
        String p = prefix + name + ".";
        return switch (name) {
            case "hlc" -> new SchemeSettings.Hlc(millis(node, p, "maxDriftMillis", SchemeSettings.Hlc.DEFAULT.maxDrift(), 1,
                    "maxDriftMillis: 10000"));
            case "uuid7" -> new SchemeSettings.Uuid7(integer(node, p, "node", -1, 0, 0xFFFF_FFFFL, "node: 7"));
            case "wide128" -> new SchemeSettings.Wide128(integer(node, p, "node", -1, 0, (1L << 48) - 1, "node: 7"),
                    millis(node, p, "maxLeadMillis", SchemeSettings.Wide128.DEFAULT.maxLead(), 0, "maxLeadMillis: 1000"));
            case "segment" -> segment(node, p);
            default -> SchemeSettings.Snowflake.INSTANCE;
        };
    }

    private SchemeSettings.Segment segment(JsonNode node, String p) {
        SchemeSettings.Segment d = SchemeSettings.Segment.DEFAULT;
        List<String> urls = new ArrayList<>();
        if (node.has("url") && node.has("urls")) {
            problems.add(p + "url and " + p + "urls are alternatives: set one (example: urls: [jdbc:postgresql://db1/ids,"
                    + " jdbc:postgresql://db2/ids])");
        }
        if (node.has("url")) {
            urls.add(node.get("url").asText());
        } else if (node.path("urls").isArray()) {
            node.get("urls").forEach(u -> urls.add(u.asText()));
        } else if (node.has("urls")) {
            problems.add(p + "urls must be a list: " + p + "urls=" + node.get("urls") + " (example: urls: [redis://127.0.0.1:6379])");
        }
        JsonNode ratio = node.get("refillAtUsedRatio");
        double refill = d.refillAtUsedRatio();
        if (ratio != null) {
            if (ratio.isNumber() && ratio.asDouble() > 0 && ratio.asDouble() < 1) {
                refill = ratio.asDouble();
            } else {
                problems.add(p + "refillAtUsedRatio must be a number between 0 and 1, exclusive: " + p
                        + "refillAtUsedRatio=" + ratio + " (example: refillAtUsedRatio: 0.25)");
            }
        }
        long step = integer(node, p, "step", d.step(), 1, 10_000_000, "step: 1000");
        long minStep = step == 0 ? d.minStep() : Math.min(d.minStep(), step);
        return new SchemeSettings.Segment(word(node, p, "store", List.of("postgresql", "redis"), d.store(), "store: postgresql"),
                urls, text(node, "user", d.user()), text(node, "passwordEnv", d.passwordEnv()), text(node, "bizTag", null),
                step, integer(node, p, "minStep", minStep, 1, 10_000_000, "minStep: 100"),
                integer(node, p, "maxStep", Math.max(d.maxStep(), step), 1, 10_000_000, "maxStep: 1000000"),
                millis(node, p, "segmentDurationMillis", d.segmentDuration(), 1000, "segmentDurationMillis: 60000"), refill,
                millis(node, p, "maxWaitMillis", d.maxWait(), 0, "maxWaitMillis: 2000"),
                bool(node, p, "requireDurable", d.requireDurable(), "requireDurable: true"));
    }

    private boolean bool(JsonNode node, String p, String key, boolean fallback, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problems.add(p + key + " must be true or false: " + p + key + "=" + v + " (example: " + example + ")");
            return fallback;
        }
        return v.asBoolean();
    }

    private List<GeneratorConfig> named(JsonNode node, GeneratorConfig top) {
        List<GeneratorConfig> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull() || !section(node, "generators", null)) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            String prefix = "generators." + name + ".";
            if (name.equals(IdIssuer.DEFAULT)) {
                problems.add("generators." + name + ": the top level's sections are the " + IdIssuer.DEFAULT
                        + " generator; name this one differently (example: generators: {orders: {}})");
                continue;
            }
            if (!NamedGenerator.NAME.matcher(name).matches()) {
                problems.add("generators." + name + ": a generator name must match " + NamedGenerator.NAME.pattern()
                        + " (it appears in URLs, metrics and file names): name=" + name + " (example: orders)");
                continue;
            }
            JsonNode value = e.getValue().isNull() ? JsonNodeFactory.instance.objectNode() : e.getValue();
            if (!section(value, "generators." + name, NAMED)) {
                continue;
            }
            out.add(generatorConfig(value, prefix, new GeneratorConfig(name, top.generator(), top.workers())));
        }
        return out;
    }

    private GeneratorSettings layout(JsonNode node, String prefix, GeneratorSettings base) {
        if (node.isMissingNode() || node.isNull() || !section(node, prefix + "layout", LAYOUT)) {
            return base;
        }
        String p = prefix + "layout.";
        int before = problems.size();
        BitLayout start = base.layout();
        if (node.has("preset")) {
            try {
                start = BitLayout.preset(node.get("preset").asText());
            } catch (IllegalArgumentException e) {
                problems.add(p + "preset " + e.getMessage() + " (example: preset: default)");
                layoutFailed = true;
                return base;
            }
        }
        BitLayout.Builder b = start.toBuilder();
        if (node.has("name")) {
            b.name(node.get("name").asText());
        } else if (hasLayoutOverrides(node) && !start.name().endsWith("-custom")) {
            b.name(start.name() + "-custom");
        }
        epoch(node, p, b);
        b.tickMillis(integer(node, p, "tickMillis", start.tickMillis(), 1, 1000, "tickMillis: 1"));
        b.timestampBits((int) integer(node, p, "timestampBits", start.width(Field.TIMESTAMP), 1, 62, "timestampBits: 41"));
        b.datacenterBits((int) integer(node, p, "datacenterBits", start.width(Field.DATACENTER), 0, 31, "datacenterBits: 5"));
        b.workerBits((int) integer(node, p, "workerBits", start.width(Field.WORKER), 0, 31, "workerBits: 5"));
        b.sequenceBits((int) integer(node, p, "sequenceBits", start.width(Field.SEQUENCE), 0, 30, "sequenceBits: 12"));
        order(node, p, b);
        int warningDays = (int) integer(node, p, "lifetimeWarningDays", base.lifetimeWarningDays(), 0, 36_500,
                "lifetimeWarningDays: 365");
        List<String> layoutErrors = problems.size() > before ? List.of() : b.problems(System.currentTimeMillis());
        for (String e : layoutErrors) {
            problems.add(prefix + "layout: " + e + " (example: timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12)");
        }
        if (problems.size() > before) {
            layoutFailed = true;
            return base;
        }
        return new GeneratorSettings(b.build(), warningDays, base.datacenter(), base.worker(), base.workerGiven(),
                base.clock(), base.rollbackPolicy(), base.overflowPolicy(), base.stateDir(), base.reservationWindow(),
                base.maxStartupWait());
    }

    private static boolean hasLayoutOverrides(JsonNode node) {
        for (String k : List.of("epoch", "tickMillis", "timestampBits", "datacenterBits", "workerBits", "sequenceBits", "order")) {
            if (node.has(k)) {
                return true;
            }
        }
        return false;
    }

    private void epoch(JsonNode node, String p, BitLayout.Builder b) {
        if (!node.has("epoch")) {
            return;
        }
        String text = node.get("epoch").asText();
        try {
            b.epoch(Instant.parse(text));
        } catch (DateTimeParseException e) {
            problems.add(p + "epoch must be an ISO-8601 instant: " + p + "epoch=" + text
                    + " (example: epoch: \"2024-01-01T00:00:00Z\")");
        }
    }

    private void order(JsonNode node, String p, BitLayout.Builder b) {
        if (!node.has("order")) {
            return;
        }
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : node.get("order")) {
            try {
                fields.add(Field.valueOf(f.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(p + "order entries must be timestamp, datacenter, worker or sequence: found " + f.asText()
                        + " (example: order: [timestamp, datacenter, worker, sequence])");
                return;
            }
        }
        b.order(fields.toArray(new Field[0]));
    }

    private GeneratorSettings generator(JsonNode node, String prefix, GeneratorSettings base) {
        if (node.isMissingNode() || node.isNull() || !section(node, prefix + "generator", GENERATOR)) {
            return base;
        }
        String p = prefix + "generator.";
        long datacenter = integer(node, p, "datacenter", base.datacenter(), 0, Integer.MAX_VALUE, "datacenter: 1");
        long[] workers = workerRange(node, p, base);
        long worker = workers[0];
        ClockKind clock = choice(node, p, "clock", ClockKind.class, base.clock(), "clock: system");
        Path stateDir = base.stateDir();
        if (node.has("stateDir")) {
            JsonNode dir = node.get("stateDir");
            stateDir = dir.isNull() || dir.asText().isEmpty() ? null : Path.of(dir.asText());
        }
        return new GeneratorSettings(base.layout(), base.lifetimeWarningDays(), datacenter, worker,
                base.workerGiven() || node.has("worker"), clock, rollbackPolicy(node, p, base.rollbackPolicy()),
                overflowPolicy(node, p, base.overflowPolicy()), stateDir,
                millis(node, p, "reservationWindowMillis", base.reservationWindow(), 10, "reservationWindowMillis: 1000"),
                millis(node, p, "maxStartupWaitMillis", base.maxStartupWait(), 0, "maxStartupWaitMillis: 3000"),
                (int) workers[1]);
    }

    /** {@code worker: 3} or {@code worker: 4..7} (several worker IDs, one per thread): the first and the count. */
    private long[] workerRange(JsonNode node, String p, GeneratorSettings base) {
        JsonNode v = node.get("worker");
        if (v == null || !v.isTextual() || !v.asText().contains("..")) {
            return new long[] {integer(node, p, "worker", base.worker(), 0, Integer.MAX_VALUE, "worker: 3"),
                    v == null ? base.workerCount() : 1};
        }
        java.util.OptionalInt[] r = Workers.parseRange(v.asText());
        long count = r[0].isPresent() ? (long) r[1].getAsInt() - r[0].getAsInt() + 1 : 0;
        if (count < 1 || count > GeneratorSettings.MAX_WORKERS_PER_PROCESS) {
            problems.add(p + "worker must be a number or a range first..last of 1.." + GeneratorSettings.MAX_WORKERS_PER_PROCESS
                    + " worker IDs: " + p + "worker=" + v.asText() + " (example: worker: 4..7)");
            return new long[] {base.worker(), base.workerCount()};
        }
        return new long[] {r[0].getAsInt(), count};
    }

    private ClockRollbackPolicy rollbackPolicy(JsonNode node, String p, ClockRollbackPolicy base) {
        if (!node.has("rollbackPolicy") && !node.has("rollbackMaxWaitMillis") && !node.has("rollbackMaxLeadMillis")) {
            return base;
        }
        // Whatever the section leaves out is inherited: the top level's policy for a named generator.
        String kind = word(node, p, "rollbackPolicy", ROLLBACK_POLICIES, base.name(), "rollbackPolicy: wait");
        Duration inheritedWait = base.name().equals("wait") ? base.bound() : Duration.ofSeconds(1);
        Duration inheritedLead = base.name().equals("logical-offset") ? base.bound() : Duration.ofSeconds(1);
        Duration maxWait = millis(node, p, "rollbackMaxWaitMillis", inheritedWait, 0, "rollbackMaxWaitMillis: 1000");
        Duration maxLead = millis(node, p, "rollbackMaxLeadMillis", inheritedLead, 0, "rollbackMaxLeadMillis: 1000");
        switch (kind) {
            case "logical-offset":
                return ClockRollbackPolicy.logicalOffset(maxLead);
            case "fail-fast":
                return ClockRollbackPolicy.failFast();
            default:
                return ClockRollbackPolicy.waitUpTo(maxWait);
        }
    }

    private SequenceOverflowPolicy overflowPolicy(JsonNode node, String p, SequenceOverflowPolicy base) {
        if (!node.has("overflowPolicy") && !node.has("overflowMaxLeadMillis")) {
            return base;
        }
        String inherited = base.maxLead().isZero() ? "spin" : "borrow";
        String kind = word(node, p, "overflowPolicy", OVERFLOW_POLICIES, inherited, "overflowPolicy: spin");
        Duration maxLead = millis(node, p, "overflowMaxLeadMillis", base.maxLead(), 0, "overflowMaxLeadMillis: 10");
        if (kind.equals("borrow") && maxLead.isZero()) {
            // Borrowing nothing is spinning: say so rather than run a policy other than the one named.
            problems.add(p + "overflowPolicy borrow needs " + p + "overflowMaxLeadMillis 1..3600000: " + p
                    + "overflowMaxLeadMillis=0 (example: overflowMaxLeadMillis: 10)");
        }
        return kind.equals("borrow") ? SequenceOverflowPolicy.borrowAhead(maxLead) : SequenceOverflowPolicy.spinToNextTick();
    }

    private HttpSettings http(JsonNode node) {
        HttpSettings d = HttpSettings.DEFAULT;
        if (node.isMissingNode() || node.isNull() || !section(node, "http", HTTP)) {
            return d;
        }
        return new HttpSettings(node.path("host").asText(d.host()),
                (int) integer(node, "http.", "port", d.port(), 0, 65535, "port: 8080"),
                (int) integer(node, "http.", "instances", d.instances(), 1, 64, "instances: 2"),
                node.has("token") ? node.get("token").asText() : null,
                node.has("tlsCertPath") ? Path.of(node.get("tlsCertPath").asText()) : null,
                node.has("tlsKeyPath") ? Path.of(node.get("tlsKeyPath").asText()) : null,
                (int) integer(node, "http.", "warmupRequests", d.warmupRequests(), 0, HttpSettings.MAX_WARMUP_REQUESTS,
                        "warmupRequests: 2000"));
    }

    private GrpcSettings grpc(JsonNode node) {
        GrpcSettings d = GrpcSettings.DEFAULT;
        if (node.isMissingNode() || node.isNull() || !section(node, "grpc", GRPC)) {
            return d;
        }
        return new GrpcSettings(node.path("host").asText(d.host()), (int) integer(node, "grpc.", "port", d.port(), 0, 65535, "port: 9090"));
    }

    /**
     * Checks {@code logging.format} ({@code text} or {@code json}). The command line reads it itself, before the
     * config, since logging starts first; here it only has to be valid.
     */
    private void logging(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || !section(node, "logging", Set.of("format"))) {
            return;
        }
        JsonNode format = node.get("format");
        if (format != null && !format.asText("").equals("text") && !format.asText("").equals("json")) {
            problems.add("logging.format must be text or json: logging.format=" + format + " (example: format: json)");
        }
    }

    private ClockSettings clock(JsonNode node) {
        ClockSettings d = ClockSettings.DEFAULT;
        if (node.isMissingNode() || node.isNull() || !section(node, "clock", CLOCK)) {
            return d;
        }
        boolean requireSync = d.requireNtpSync();
        JsonNode v = node.get("requireNtpSync");
        if (v != null && !v.isBoolean()) {
            problems.add("clock.requireNtpSync must be true or false: clock.requireNtpSync=" + v + " (example: requireNtpSync: true)");
        } else if (v != null) {
            requireSync = v.asBoolean();
        }
        return new ClockSettings(requireSync, integer(node, "clock.", "maxOffsetToPeersMillis", d.maxOffsetToPeersMillis(), 0,
                3_600_000, "maxOffsetToPeersMillis: 10000"));
    }

    private Workers workers(JsonNode node, String prefix, Workers d) {
        if (node.isMissingNode() || node.isNull() || !section(node, prefix + "workers", WORKERS)) {
            return d;
        }
        String p = prefix + "workers.";
        AllocationKind kind = choice(node, p, "allocation", AllocationKind.class, d.allocation(), "allocation: zookeeper");
        int[] range = range(node, p, "range", d.rangeFirst(), d.rangeLast(), "range: 16..31");
        int[] staticRange = range(node, p, "staticRange", d.staticFirst(), d.staticLast(), "staticRange: 0..15");
        return new Workers(kind, text(node, "zookeeper", d.zookeeper()), text(node, "etcd", d.etcd()),
                node.path("cluster").asText(d.cluster()), node.path("region").asText(d.region()),
                range[0], range[1], staticRange[0], staticRange[1],
                integer(node, p, "leaseTtlMillis", d.leaseTtlMillis(), 1000, 3_600_000, "leaseTtlMillis: 10000"),
                integer(node, p, "recycleDelayMillis", d.recycleDelayMillis(), 0, 86_400_000, "recycleDelayMillis: 10000"),
                integer(node, p, "safetyMarginMillis", d.safetyMarginMillis(), 1, 3_600_000, "safetyMarginMillis: 2000"),
                (int) integer(node, p, "perProcess", d.perProcess(), 1, 1024, "perProcess: 2"));
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        return v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private int[] range(JsonNode node, String p, String key, int first, int last, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return new int[] {first, last};
        }
        java.util.OptionalInt[] r = Workers.parseRange(v.asText());
        if (r[0].isEmpty()) {
            problems.add(p + key + " must look like first..last: " + p + key + "=" + v.asText() + " (example: " + example + ")");
            return new int[] {first, last};
        }
        return new int[] {r[0].getAsInt(), r[1].getAsInt()};
    }

    /** Whether {@code node} is a mapping; its keys are checked against {@code known} unless that is null. */
    private boolean section(JsonNode node, String name, Set<String> known) {
        if (!node.isObject()) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            problems.add(name + " must be a mapping of keys to values: found " + article(node)
                    + " (example: \"" + last + ":\\n  " + EXAMPLES.getOrDefault(last, "layout: {preset: twitter}") + "\")");
            return false;
        }
        if (known != null) {
            keys(node, name + ".", known);
        }
        return true;
    }

    /** "an array", "a string", ...: the kind of value found. */
    private static String article(JsonNode node) {
        String kind = node.getNodeType().toString().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private Duration millis(JsonNode node, String p, String key, Duration fallback, long min, String example) {
        return Duration.ofMillis(integer(node, p, key, fallback.toMillis(), min, 3_600_000, example));
    }

    private long integer(JsonNode node, String p, String key, long fallback, long min, long max, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            problems.add(p + key + " must be a whole number " + min + ".." + max + ": " + p + key + "=" + v
                    + " (example: " + example + ")");
            return fallback;
        }
        long value = v.asLong();
        if (value < min || value > max) {
            problems.add(p + key + " must be " + min + ".." + max + ": " + p + key + "=" + value + " (example: " + example + ")");
            return fallback;
        }
        return value;
    }

    private String word(JsonNode node, String p, String key, List<String> choices, String fallback, String example) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        String text = v.asText().toLowerCase(Locale.ROOT).replace('_', '-');
        if (choices.contains(text)) {
            return text;
        }
        problems.add(p + key + " must be one of " + choices + ": " + p + key + "=" + v.asText() + " (example: " + example + ")");
        return fallback;
    }

    private <E extends Enum<E>> E choice(JsonNode node, String p, String key, Class<E> type, E fallback, String example) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String chosen = word(node, p, key, names, null, example);
        return chosen == null ? fallback : Enum.valueOf(type, chosen.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
