package io.idmint.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus's own linter ({@code promtool}, Debian's prometheus package, which {@code bin/test} installs). */
public final class Promtool {
    private Promtool() {}

    public static Path binary() {
        for (String candidate : List.of("/usr/bin/promtool", "/usr/local/bin/promtool")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("promtool is not installed: bin/test installs Debian's prometheus package"
                + " (apt-get install -y --no-install-recommends prometheus)");
    }

    /**
     * Runs {@code promtool check metrics} on an exposition; returns what it printed (empty: clean).
     *
     * @throws IllegalStateException when promtool is missing or fails to run
     */
    public static String checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool check metrics did not finish within 30 s");
        }
        return p.exitValue() == 0 ? out.strip() : ("exit " + p.exitValue() + ": " + out).strip();
    }
}
