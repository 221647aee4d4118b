package io.idmint.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every member process is started with: the idmint CLI jar, the work directory, etcd's address and
 * short leases, so that a silent member loses its worker ID within seconds and a run stays short.
 */
record ClusterSettings(Path idmintJar, Path workDir, String etcd, int members, long leaseTtlMillis, long recycleDelayMillis) {
    /** The member JVMs share two cores with etcd and the clients: small heaps, C1 only (startup matters more than peak). */
    static final String[] MEMBER_JVM = {"-XX:+UseSerialGC", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-Xss512k"};

    String workerRange() {
        // As many worker IDs as members: a restarted member can only get its own ID back once it is free,
        // so it meets its own high-water mark, and the spare can only take a paused member's ID.
        return "0.." + (members - 1);
    }

    /** The YAML config every member reads: leases on etcd with the short TTL, and a patient start. */
    Path writeConfig() throws IOException {
        Path file = workDir.resolve("idmint.yaml");
        String yaml = String.join("\n",
                "generator:",
                "  stateDir: \"\"",
                "  maxStartupWaitMillis: 10000",
                "http:",
                "  instances: 1",
                "workers:",
                "  allocation: etcd",
                "  etcd: " + etcd,
                "  cluster: faults",
                "  range: " + workerRange(),
                "  leaseTtlMillis: " + leaseTtlMillis,
                "  recycleDelayMillis: " + recycleDelayMillis,
                "  safetyMarginMillis: " + leaseTtlMillis / 5,
                "");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
