package io.idmint.config;

import io.idmint.core.BitLayout;
import java.nio.file.Path;
import java.util.Map;

/** {@code IDMINT_*} environment variables over a configuration; bad values become listed problems. */
final class EnvironmentOverrides {
    private EnvironmentOverrides() {}

    static void apply(IdmintConfig.Builder b, Map<String, String> env) {
        String layout = env.get("IDMINT_LAYOUT");
        if (layout != null) {
            try {
                b.layout(BitLayout.preset(layout));
            } catch (IllegalArgumentException e) {
                b.problems.add("IDMINT_LAYOUT " + e.getMessage());
            }
        }
        b.datacenter = number(b, env, "IDMINT_DATACENTER", b.datacenter, 0, Integer.MAX_VALUE);
        if (env.containsKey("IDMINT_WORKER")) {
            b.worker(number(b, env, "IDMINT_WORKER", b.worker, 0, Integer.MAX_VALUE));
        }
        b.httpPort = (int) number(b, env, "IDMINT_HTTP_PORT", b.httpPort, 0, 65535);
        b.grpcPort = (int) number(b, env, "IDMINT_GRPC_PORT", b.grpcPort, 0, 65535);
        b.httpHost = env.getOrDefault("IDMINT_HTTP_HOST", b.httpHost);
        b.grpcHost = env.getOrDefault("IDMINT_GRPC_HOST", b.grpcHost);
        if (env.containsKey("IDMINT_STATE_DIR")) {
            String dir = env.get("IDMINT_STATE_DIR");
            b.stateDir = dir.isEmpty() ? null : Path.of(dir);
        }
        workers(b, env);
        if (env.containsKey("IDMINT_TOKEN")) {
            b.bearerToken(env.get("IDMINT_TOKEN"));
        }
    }

    /** IDMINT_ALLOCATION, IDMINT_ZOOKEEPER, IDMINT_ETCD, IDMINT_CLUSTER, IDMINT_REGION, IDMINT_WORKER_RANGE, IDMINT_WORKER_FROM_HOSTNAME. */
    private static void workers(IdmintConfig.Builder b, Map<String, String> env) {
        Workers w = b.workers;
        String kind = env.get("IDMINT_ALLOCATION");
        if (kind != null) {
            try {
                w = w.withAllocation(IdmintConfig.AllocationKind.valueOf(kind.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                b.problems.add("IDMINT_ALLOCATION must be one of [static, zookeeper, etcd, hybrid]: IDMINT_ALLOCATION=" + kind);
            }
        }
        w = w.withCoordinator(env.getOrDefault("IDMINT_ZOOKEEPER", w.zookeeper()), env.getOrDefault("IDMINT_ETCD", w.etcd()));
        w = w.withNames(env.getOrDefault("IDMINT_CLUSTER", w.cluster()), env.getOrDefault("IDMINT_REGION", w.region()));
        String range = env.get("IDMINT_WORKER_RANGE");
        if (range != null) {
            try {
                w = w.withRange(range);
            } catch (IllegalArgumentException e) {
                b.problems.add("IDMINT_WORKER_RANGE must look like first..last: IDMINT_WORKER_RANGE=" + range);
            }
        }
        b.workers = w;
        if ("true".equalsIgnoreCase(env.get("IDMINT_WORKER_FROM_HOSTNAME"))) {
            String host = env.getOrDefault("HOSTNAME", Hostnames.local());
            Hostnames.ordinal(host).ifPresentOrElse(b::worker, () -> b.problems.add("IDMINT_WORKER_FROM_HOSTNAME needs a"
                    + " hostname ending in -N, as StatefulSet pods have (idmint-3 -> worker 3): hostname=" + host));
        }
    }

    private static long number(IdmintConfig.Builder b, Map<String, String> env, String key, long current, long min, long max) {
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
        b.problems.add(key + " must be " + min + ".." + max + ": " + key + "=" + text);
        return current;
    }
}
