package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real browser: starts {@code idmint serve} as a child process (a token, the default
 * generator, one on Discord's layout, one of UUIDv7s), then runs {@code src/test/browser/console.test.mjs},
 * which drives Debian's headless Chromium through playwright-core: the page loads without console errors, the
 * charts update under load, the inspector decodes Discord's documented ID and rejects garbage, no request leaves
 * 127.0.0.1, and a full-page screenshot lands in {@code target/browser/console.png}.
 *
 * <p>Needs node, {@code /usr/bin/chromium} and {@code npm ci} in {@code src/test/browser}; {@code bin/test}
 * installs them and sets {@code IDMINT_BROWSER_TESTS=require}, which turns a missing one into a failure.
 * Elsewhere the test is skipped, saying what is missing.
 */
class ConsoleBrowserTest {
    static final Path BROWSER_DIR = Path.of("src/test/browser").toAbsolutePath();
    static final String TOKEN = "browser-test-token";

    @TempDir
    Path dir;

    @Test
    void theConsoleWorksInHeadlessChromium() throws Exception {
        requirePrerequisites();
        Path config = dir.resolve("idmint.yaml");
        Files.writeString(config, String.join("\n",
                "http: {host: 127.0.0.1, port: 0, instances: 1, token: " + TOKEN + "}",
                "grpc: {host: 127.0.0.1, port: 0}",
                "generator: {worker: 3, stateDir: " + dir.resolve("state") + "}",
                "generators:",
                "  discord: {layout: {preset: discord}, generator: {datacenter: 1, worker: 3}}",
                "  uploads: {scheme: uuid7}",
                ""));
        Process serve = new ProcessBuilder(List.of(java(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString(), "--http-port", "0", "--grpc-port", "0"))
                .redirectErrorStream(true).start();
        Process node = null;
        try {
            int port = ServeOutput.awaitPorts(new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)))[0];
            Path shot = Files.createDirectories(Path.of("target/browser").toAbsolutePath()).resolve("console.png");
            ProcessBuilder pb = new ProcessBuilder("node", "console.test.mjs").directory(BROWSER_DIR.toFile()).redirectErrorStream(true);
            pb.environment().put("IDMINT_URL", "http://127.0.0.1:" + port);
            pb.environment().put("IDMINT_TOKEN", TOKEN);
            pb.environment().put("IDMINT_SCREENSHOT", shot.toString());
            long start = System.nanoTime();
            node = pb.start();
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(line -> {
                    out.add(line);
                    System.out.println("browser: " + line);
                });
            }
            assertThat(node.waitFor(150, TimeUnit.SECONDS)).as("the browser run ends").isTrue();
            System.out.printf("browser: node + Chromium took %.1f s%n", (System.nanoTime() - start) / 1e9);
            assertThat(node.exitValue()).as(String.join("\n", out)).isZero();
            assertThat(out).as("every check ran and passed").anyMatch(l -> l.matches("\\d+ passed, 0 failed"));
            assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
            assertThat(shot).isNotEmptyFile();
        } finally {
            if (node != null) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** node, Chromium and playwright-core: a failure under bin/test (IDMINT_BROWSER_TESTS=require), else a skip. */
    private static void requirePrerequisites() {
        List<String> missing = new ArrayList<>();
        if (!onPath("node")) {
            missing.add("node (Debian: nodejs)");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            missing.add("/usr/bin/chromium (Debian: chromium)");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (npm ci in " + BROWSER_DIR + ")");
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "browser test needs " + String.join(", ", missing) + "; bin/test installs them";
        if ("require".equals(System.getenv("IDMINT_BROWSER_TESTS"))) {
            throw new AssertionError(why);
        }
        Assumptions.abort(why);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
