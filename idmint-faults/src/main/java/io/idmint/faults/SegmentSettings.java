package io.idmint.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the segment members are configured ({@code --scheme segment}): a default generator of scheme
 * {@code segment} on the suite's PostgreSQL, with a small fixed step and a short {@code maxWait}, so that the
 * two buffered segments last a fraction of a second under the clients' load and a PostgreSQL fault bites.
 */
record SegmentSettings(int step, long maxWaitMillis) {
    static final String BIZ_TAG = "faults";

    /**
     * The YAML every member reads. {@code minStep = maxStep = step}: an adaptive step would grow until a
     * segment lasts half a minute, and no outage of a few seconds would ever reach the clients.
     */
    Path writeConfig(Path workDir, PostgresServer postgres) throws IOException {
        Path file = workDir.resolve("idmint.yaml");
        String yaml = String.join("\n",
                "scheme: segment",
                "segment:",
                "  store: postgresql",
                "  url: " + postgres.jdbcUrl(),
                "  user: " + postgres.user(),
                "  bizTag: " + BIZ_TAG,
                "  step: " + step,
                "  minStep: " + step,
                "  maxStep: " + step,
                "  maxWaitMillis: " + maxWaitMillis,
                "generator:",
                "  stateDir: \"\"",
                "http:",
                "  instances: 1",
                "");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** What the report's title says of the setup. */
    String describe() {
        return "segment scheme on PostgreSQL, step " + step + ", maxWait " + maxWaitMillis + " ms";
    }
}
