package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.testkit.LoopbackZooKeeper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} and {@code node} as real processes with JSON logs: every stderr line is one JSON object with
 * time, level, logger, thread and message, and the start-up, lease (ZooKeeper, in-process on 127.0.0.1), clock
 * and collision events carry their fields. The libraries' own logs (Curator and ZooKeeper through SLF4J,
 * while ZooKeeper is down) come out as JSON too.
 */
class JsonLogsProcessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO");

    @TempDir
    Path dir;

    /**
     * A child JVM running the command line, its stdout and stderr sent to files: reading the files rather than the
     * pipes, no line is lost to the JDK closing a pipe at exit while a reader thread is in it ("Stream closed").
     */
    static final class Child implements AutoCloseable {
        final Process process;
        private final Path out;
        private final Path err;

        Child(Path dir, Map<String, String> env, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(List.of(args));
            out = Files.createTempFile(dir, "stdout", ".txt");
            err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("IDMINT_LOG_FORMAT");
            pb.environment().putAll(env);
            process = pb.start();
        }

        /** The complete lines written so far (a line still being written is left for the next look). */
        private List<String> lines(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
        }

        List<String> stdout() {
            return lines(out);
        }

        /** The first stderr event that satisfies {@code what}, waiting for it. */
        JsonNode awaitEvent(String description, Predicate<JsonNode> what) {
            return await(description).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> events().stream().filter(what).findFirst().orElse(null), e -> e != null);
        }

        /** Every stderr line so far, each parsed (a line that is not JSON fails the test here). */
        List<JsonNode> events() {
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : lines(err)) {
                parsed.add(parse(line));
            }
            return parsed;
        }

        /** Waits for the process to exit (its output is then in the files, whole). */
        void awaitExit() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    static JsonNode parse(String line) {
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (IOException ex) {
            throw new AssertionError("a stderr line is not JSON: " + line, ex);
        }
        assertThat(e.isObject()).as(line).isTrue();
        assertThat(e.get("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(e.get("level").asText()).as(line).isIn(LEVELS);
        assertThat(e.get("logger").asText()).as(line).isNotEmpty();
        assertThat(e.get("thread").asText()).as(line).isNotEmpty();
        assertThat(e.get("message").asText()).as(line).isNotEmpty();
        return e;
    }

    static Predicate<JsonNode> message(String part) {
        return e -> e.get("message").asText().contains(part);
    }

    @Test
    void serveWritesOnlyJsonLinesIncludingStartUpClockAndLeaseEvents() throws Exception {
        TestingServer zk = LoopbackZooKeeper.start(200);
        Path config = Files.writeString(dir.resolve("idmint.yaml"), String.join("\n",
                "logging:", "  format: json", // chosen by the config file here; the node below takes the variable
                "generator:", "  datacenter: 1", "  stateDir: ''",
                "workers:", "  allocation: zookeeper", "  zookeeper: " + LoopbackZooKeeper.address(zk), "  cluster: json-logs",
                "  range: 8..15", "  leaseTtlMillis: 2000", "  recycleDelayMillis: 1000", "  safetyMarginMillis: 400", ""));
        try (Child serve = new Child(dir, Map.of(), "serve", "--config", config.toString(), "--host", "127.0.0.1",
                "--http-port", "0", "--grpc-port", "0")) {
            JsonNode serving = serve.awaitEvent("the serving event", message("serving HTTP on 127.0.0.1:"));
            assertThat(serving.get("logger").asText()).isEqualTo("idmint");
            int port = serving.get("http_port").asInt();
            HttpResponse<String> id = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/ids")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(id.statusCode()).isEqualTo(200);

            JsonNode claimed = serve.awaitEvent("the lease claim", message("claimed worker "));
            assertThat(claimed.get("generator").asText()).isEqualTo("default");
            assertThat(claimed.get("worker").asInt()).isBetween(8, 15);
            assertThat(claimed.get("lease_epoch").asLong()).isEqualTo(1);
            JsonNode generator = serve.awaitEvent("the generator's start-up event", message("generator default (snowflake)"));
            assertThat(generator.get("worker").asInt()).isEqualTo(claimed.get("worker").asInt());
            assertThat(generator.get("datacenter").asInt()).isEqualTo(1);
            assertThat(generator.get("lease_state").asText()).isEqualTo("held");
            assertThat(generator.get("lease_epoch").asLong()).isEqualTo(1);
            serve.awaitEvent("the clock's state at start", e -> e.get("logger").asText().equals("idmint.clock"));

            zk.stop();
            JsonNode lost = serve.awaitEvent("the lease loss", message("refusing IDs and re-claiming"));
            assertThat(lost.get("level").asText()).isEqualTo("WARN");
            assertThat(lost.get("worker").asInt()).isEqualTo(claimed.get("worker").asInt());
            assertThat(lost.get("lease_epoch").asLong()).isEqualTo(1);
            assertThat(lost.get("error").asText()).isNotEmpty();
            zk.restart();
            JsonNode reclaimed = serve.awaitEvent("the re-claim", message("re-claimed: issuing again as worker "));
            // The old session's node may outlive ZooKeeper's restart, so the re-claim can land on another worker
            // of the range: that worker's first epoch. The same worker again is its second.
            boolean sameWorker = reclaimed.get("worker").asInt() == claimed.get("worker").asInt();
            assertThat(reclaimed.get("worker").asInt()).isBetween(8, 15);
            assertThat(reclaimed.get("lease_epoch").asLong()).isEqualTo(sameWorker ? 2 : 1);

            serve.process.destroy(); // SIGTERM: the graceful stop releases the lease, and says so
            serve.awaitExit();
            assertThat(serve.events()).anySatisfy(e -> assertThat(e.get("message").asText()).startsWith("releasing worker "));
            assertThat(serve.events()).as("the libraries' logs too").anySatisfy(e -> assertThat(e.get("logger").asText())
                    .startsWith("org.apache."));
            assertThat(serve.stdout()).as("serve prints nothing on stdout").isEmpty();
        } finally {
            LoopbackZooKeeper.close(zk);
        }
    }

    @Test
    void theNodeKeepsStdoutForRepliesAndLogsJsonOnStderr() throws Exception {
        try (Child node = new Child(dir, Map.of("IDMINT_LOG_FORMAT", "json"), "node")) {
            try (OutputStream in = node.process.getOutputStream()) {
                in.write(String.join("\n",
                        "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}",
                        "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"verify_ids\",\"msg_id\":2,\"ids\":[4,4,5,5,5]}}",
                        "not json at all", "").getBytes(StandardCharsets.UTF_8));
            }
            node.awaitExit();
            assertThat(node.stdout()).hasSize(2).allSatisfy(l -> assertThat(JSON.readTree(l).fieldNames())
                    .toIterable().containsExactly("src", "dest", "body"));
            assertThat(JSON.readTree(node.stdout().get(1)).get("body").get("collisions").asLong()).isEqualTo(3);
            List<JsonNode> events = node.events();
            assertThat(events).anySatisfy(e -> {
                assertThat(e.get("message").asText()).startsWith("n1 issues IDs of generator default (snowflake)");
                assertThat(e.get("worker").asInt()).isEqualTo(1);
                assertThat(e.get("logger").asText()).isEqualTo("idmint-node");
            });
            assertThat(events).anySatisfy(e -> {
                assertThat(e.get("level").asText()).isEqualTo("ERROR");
                assertThat(e.get("collisions").asLong()).isEqualTo(3);
            });
            assertThat(events).anySatisfy(e -> assertThat(e.get("message").asText()).startsWith("cannot answer a line"));
        }
    }
}
