package io.idmint.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.ConfigException;
import io.idmint.config.IdmintConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bound {@code idmint.*} properties read by idmint-config's own reader, so the starter and the config
 * file share one set of rules, defaults, inheritance (a named generator starts from the top level) and
 * messages: the properties are written out as the file's tree, key for key, leaving out what is unset.
 *
 * <p>TEMPORARY: idmint-config reads only from a {@link Path} ({@code IdmintConfig.load}/{@code problems}),
 * so the tree goes through a temporary file that is deleted at once. With a reader of text or of a tree
 * (e.g. {@code IdmintConfig.read(String yaml, String source)}) this becomes one call.
 */
final class PropertiesConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PropertiesConfig() {}

    /** The configuration, or every problem idmint-config finds, each naming the file's key path. */
    record Result(IdmintConfig config, List<String> problems) {}

    static Result read(IdmintProperties p) {
        Map<String, Object> tree = tree(p);
        Path file = null;
        try {
            file = Files.createTempFile("idmint-properties", ".json"); // JSON is YAML; created rw------- on POSIX
            JSON.writeValue(file.toFile(), tree);
            try {
                return new Result(IdmintConfig.load(file), List.of());
            } catch (ConfigException e) {
                return new Result(null, e.problems());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the idmint.* properties to a temporary file: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file, in the temporary directory
                }
            }
        }
    }

    /** The config file's tree: camelCase keys, lower-case words, unset keys left out. */
    static Map<String, Object> tree(IdmintProperties p) {
        Map<String, Object> root = generator(p);
        Map<String, Object> clock = new LinkedHashMap<>();
        put(clock, "requireNtpSync", p.getClock().getRequireNtpSync());
        put(clock, "maxOffsetToPeersMillis", p.getClock().getMaxOffsetToPeersMillis());
        putSection(root, "clock", clock);
        if (!p.getGenerators().isEmpty()) {
            Map<String, Object> named = new LinkedHashMap<>();
            p.getGenerators().forEach((name, g) -> named.put(name, generator(g)));
            root.put("generators", named);
        }
        return root;
    }

    private static Map<String, Object> generator(GeneratorProperties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "scheme", word(p.getScheme()));
        GeneratorProperties.Layout l = p.getLayout();
        Map<String, Object> layout = new LinkedHashMap<>();
        put(layout, "preset", word(l.getPreset()));
        put(layout, "name", l.getName());
        put(layout, "epoch", l.getEpoch());
        put(layout, "tickMillis", l.getTickMillis());
        put(layout, "timestampBits", l.getTimestampBits());
        put(layout, "datacenterBits", l.getDatacenterBits());
        put(layout, "workerBits", l.getWorkerBits());
        put(layout, "sequenceBits", l.getSequenceBits());
        put(layout, "order", l.getOrder() == null ? null : l.getOrder().stream().map(PropertiesConfig::word).toList());
        put(layout, "lifetimeWarningDays", l.getLifetimeWarningDays());
        putSection(m, "layout", layout);

        GeneratorProperties.Generator g = p.getGenerator();
        Map<String, Object> generator = new LinkedHashMap<>();
        put(generator, "datacenter", g.getDatacenter());
        put(generator, "worker", g.getWorker());
        put(generator, "clock", word(g.getClock()));
        put(generator, "rollbackPolicy", word(g.getRollbackPolicy()));
        put(generator, "rollbackMaxWaitMillis", g.getRollbackMaxWaitMillis());
        put(generator, "rollbackMaxLeadMillis", g.getRollbackMaxLeadMillis());
        put(generator, "overflowPolicy", word(g.getOverflowPolicy()));
        put(generator, "overflowMaxLeadMillis", g.getOverflowMaxLeadMillis());
        put(generator, "stateDir", g.getStateDir());
        put(generator, "reservationWindowMillis", g.getReservationWindowMillis());
        put(generator, "maxStartupWaitMillis", g.getMaxStartupWaitMillis());
        putSection(m, "generator", generator);

        GeneratorProperties.Workers w = p.getWorkers();
        Map<String, Object> workers = new LinkedHashMap<>();
        put(workers, "allocation", word(w.getAllocation()));
        put(workers, "zookeeper", w.getZookeeper());
        put(workers, "etcd", w.getEtcd());
        put(workers, "cluster", w.getCluster());
        put(workers, "region", w.getRegion());
        put(workers, "range", w.getRange());
        put(workers, "staticRange", w.getStaticRange());
        put(workers, "ordinalFromHostname", w.getOrdinalFromHostname());
        put(workers, "leaseTtlMillis", w.getLeaseTtlMillis());
        put(workers, "recycleDelayMillis", w.getRecycleDelayMillis());
        put(workers, "safetyMarginMillis", w.getSafetyMarginMillis());
        put(workers, "perProcess", w.getPerProcess());
        putSection(m, "workers", workers);

        Map<String, Object> hlc = new LinkedHashMap<>();
        put(hlc, "maxDriftMillis", p.getHlc().getMaxDriftMillis());
        putSection(m, "hlc", hlc);
        Map<String, Object> uuid7 = new LinkedHashMap<>();
        put(uuid7, "node", p.getUuid7().getNode());
        putSection(m, "uuid7", uuid7);
        Map<String, Object> wide128 = new LinkedHashMap<>();
        put(wide128, "node", p.getWide128().getNode());
        put(wide128, "maxLeadMillis", p.getWide128().getMaxLeadMillis());
        putSection(m, "wide128", wide128);
        return m;
    }

    /** An enum constant as the file writes it: {@code LOGICAL_OFFSET} is {@code logical-offset}. */
    private static String word(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putSection(Map<String, Object> m, String key, Map<String, Object> section) {
        if (!section.isEmpty()) {
            m.put(key, section);
        }
    }
}
