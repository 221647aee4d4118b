package io.idmint.config;

import io.idmint.core.BitLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code IDMINT_*} environment variables over a configuration; bad values become listed problems. */
final class EnvironmentOverrides {
    private static final Map<String, String> EXAMPLES = Map.of("IDMINT_HTTP_PORT", "8080", "IDMINT_GRPC_PORT", "9090",
            "IDMINT_DATACENTER", "1", "IDMINT_WORKER", "3");

    private EnvironmentOverrides() {}

    static IdmintConfig apply(IdmintConfig cfg, Map<String, String> env, List<String> problems) {
        GeneratorSettings g = generator(cfg.defaultGenerator().generator(), env, problems);
        Workers w = workers(cfg.defaultGenerator().workers(), env, problems);
        String fromHostname = env.get("IDMINT_WORKER_FROM_HOSTNAME");
        if (fromHostname != null && !fromHostname.equalsIgnoreCase("true") && !fromHostname.equalsIgnoreCase("false")) {
            problems.add("IDMINT_WORKER_FROM_HOSTNAME must be true or false: IDMINT_WORKER_FROM_HOSTNAME=" + fromHostname
                    + " (example: IDMINT_WORKER_FROM_HOSTNAME=true)");
        } else if ("true".equalsIgnoreCase(fromHostname)) {
            String host = env.getOrDefault("HOSTNAME", Hostnames.local());
            if (Hostnames.ordinal(host).isPresent()) {
                g = g.withWorker(Hostnames.ordinal(host).getAsLong());
            } else {
                problems.add("IDMINT_WORKER_FROM_HOSTNAME needs a hostname ending in -N, as StatefulSet pods have"
                        + " (idmint-3 -> worker 3): hostname=" + host + " (example: HOSTNAME=idmint-3)");
            }
        }
        HttpSettings http = cfg.http();
        http = http.withPort((int) number(env, "IDMINT_HTTP_PORT", http.port(), 0, 65535, problems))
                .withHost(env.getOrDefault("IDMINT_HTTP_HOST", http.host()));
        if (env.containsKey("IDMINT_TOKEN")) {
            http = http.withBearerToken(env.get("IDMINT_TOKEN"));
        }
        GrpcSettings grpc = cfg.grpc().withPort((int) number(env, "IDMINT_GRPC_PORT", cfg.grpc().port(), 0, 65535, problems))
                .withHost(env.getOrDefault("IDMINT_GRPC_HOST", cfg.grpc().host()));
        GeneratorConfig d = new GeneratorConfig(cfg.defaultGenerator().name(), g, w, cfg.defaultGenerator().scheme());
        return new IdmintConfig(http, grpc, d, cfg.named(), cfg.clock());
    }

    /** IDMINT_LAYOUT, IDMINT_DATACENTER, IDMINT_WORKER, IDMINT_STATE_DIR. */
    private static GeneratorSettings generator(GeneratorSettings g, Map<String, String> env, List<String> problems) {
        String layout = env.get("IDMINT_LAYOUT");
        if (layout != null) {
            try {
                g = g.withLayout(BitLayout.preset(layout));
            } catch (IllegalArgumentException e) {
                problems.add("IDMINT_LAYOUT " + e.getMessage() + " (example: IDMINT_LAYOUT=default)");
            }
        }
        g = g.withDatacenter(number(env, "IDMINT_DATACENTER", g.datacenter(), 0, Integer.MAX_VALUE, problems));
        if (env.containsKey("IDMINT_WORKER")) {
            g = g.withWorker(number(env, "IDMINT_WORKER", g.worker(), 0, Integer.MAX_VALUE, problems));
        }
        if (env.containsKey("IDMINT_STATE_DIR")) {
            String dir = env.get("IDMINT_STATE_DIR");
            g = g.withStateDir(dir.isEmpty() ? null : Path.of(dir));
        }
        return g;
    }

    /** IDMINT_ALLOCATION, IDMINT_ZOOKEEPER, IDMINT_ETCD, IDMINT_CLUSTER, IDMINT_REGION, IDMINT_WORKER_RANGE. */
    private static Workers workers(Workers w, Map<String, String> env, List<String> problems) {
        String kind = env.get("IDMINT_ALLOCATION");
        if (kind != null) {
            try {
                w = w.withAllocation(AllocationKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add("IDMINT_ALLOCATION must be one of [static, zookeeper, etcd, hybrid]: IDMINT_ALLOCATION=" + kind
                        + " (example: IDMINT_ALLOCATION=etcd)");
            }
        }
        w = w.withCoordinator(address(env, "IDMINT_ZOOKEEPER", w.zookeeper()), address(env, "IDMINT_ETCD", w.etcd()));
        w = w.withNames(env.getOrDefault("IDMINT_CLUSTER", w.cluster()), env.getOrDefault("IDMINT_REGION", w.region()));
        String range = env.get("IDMINT_WORKER_RANGE");
        if (range != null) {
            try {
                w = w.withRange(range);
            } catch (IllegalArgumentException e) {
                problems.add("IDMINT_WORKER_RANGE must look like first..last: IDMINT_WORKER_RANGE=" + range
                        + " (example: IDMINT_WORKER_RANGE=16..31)");
            }
        }
        return w;
    }

    /** A blank variable is no address, as a blank key in the file is. */
    private static String address(Map<String, String> env, String key, String current) {
        String v = env.get(key);
        if (v == null) {
            return current;
        }
        return v.isBlank() ? null : v.trim();
    }

    private static long number(Map<String, String> env, String key, long current, long min, long max, List<String> problems) {
        String text = env.get(key);
        if (text == null) {
            return current;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below, like an out-of-range value
        }
        problems.add(key + " must be " + min + ".." + max + ": " + key + "=" + text + " (example: " + key + "="
                + EXAMPLES.getOrDefault(key, "1") + ")");
        return current;
    }
}
