package io.idmint.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A misconfigured {@code idmint serve} started beside the cluster, which must be refused at start: it exits
 * with an error naming what is wrong, having issued nothing. One that starts serving fails the run.
 */
final class Probe {
    private static final long EXIT_WITHIN_SECONDS = 60;

    private Probe() {}

    /**
     * Runs the probe to its exit.
     *
     * @param extraArgs the flags that make it misconfigured, e.g. {@code --layout twitter}
     * @param clockOffsetMillis its wall clock's offset, through the test-only clock file
     * @param expected text its error must contain
     * @return the line of its output that holds {@code expected}
     * @throws IllegalStateException when it was not refused as expected (the run is aborted, so it fails)
     */
    static String expectRefused(ClusterSettings settings, String config, String name, List<String> extraArgs,
                                long clockOffsetMillis, String expected) throws IOException, InterruptedException {
        Path clockFile = settings.workDir().resolve("probe-" + name + ".clock-offset");
        Files.writeString(clockFile, Long.toString(clockOffsetMillis), StandardCharsets.UTF_8);
        Path log = settings.workDir().resolve("probe-" + name + ".log");
        List<String> cmd = new ArrayList<>(List.of(ClusterSettings.javaBin()));
        cmd.addAll(List.of(ClusterSettings.MEMBER_JVM));
        cmd.addAll(List.of("-jar", settings.idmintJar().toString(), "serve", "--config", config, "--host", "127.0.0.1",
                "--http-port", "0", "--grpc-port", "0", "--test-clock-offset-file", clockFile.toString()));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("probe " + name + " (" + String.join(" ", extraArgs) + ") was not refused within "
                    + EXIT_WITHIN_SECONDS + " s; see " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String refusal = lines.stream().filter(l -> l.contains(expected)).findFirst().orElse(null);
        if (p.exitValue() == 0 || refusal == null || lines.stream().anyMatch(l -> l.contains("idmint: serving HTTP"))) {
            throw new IllegalStateException("probe " + name + " was not refused with '" + expected + "' (exit " + p.exitValue()
                    + "); see " + log);
        }
        return refusal;
    }
}
