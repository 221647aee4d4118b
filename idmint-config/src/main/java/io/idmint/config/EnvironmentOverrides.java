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
        b.worker = number(b, env, "IDMINT_WORKER", b.worker, 0, Integer.MAX_VALUE);
        b.httpPort = (int) number(b, env, "IDMINT_HTTP_PORT", b.httpPort, 0, 65535);
        b.grpcPort = (int) number(b, env, "IDMINT_GRPC_PORT", b.grpcPort, 0, 65535);
        b.httpHost = env.getOrDefault("IDMINT_HTTP_HOST", b.httpHost);
        b.grpcHost = env.getOrDefault("IDMINT_GRPC_HOST", b.grpcHost);
        if (env.containsKey("IDMINT_STATE_DIR")) {
            String dir = env.get("IDMINT_STATE_DIR");
            b.stateDir = dir.isEmpty() ? null : Path.of(dir);
        }
        if (env.containsKey("IDMINT_TOKEN")) {
            b.bearerToken(env.get("IDMINT_TOKEN"));
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
