package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.testkit.Postgres;
import io.idmint.testkit.Promtool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment scheme as users run it: real {@code idmint serve} processes on one real PostgreSQL (Debian's
 * postgresql-15, started on 127.0.0.1 by the test kit) hand out disjoint IDs, a process killed with
 * SIGKILL comes back above everything issued before, and the keys are listed from the command line.
 */
class SegmentServeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    private Postgres pg;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        pg = Postgres.launch();
        config = dir.resolve("idmint.yaml");
        Files.writeString(config, "scheme: segment\nsegment:\n  url: " + pg.jdbcUrl() + "\n  user: " + pg.user()
                + "\n  bizTag: orders\n  step: 200\n  minStep: 100\ngenerator:\n  stateDir: " + dir.resolve("state") + "\n");
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    /** A serve process and its HTTP base URI. */
    private record Server(Process process, String base) {
        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Server serve() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--config",
                config.toString(), "--http-port", "0", "--grpc-port", "0"));
        Process p = new ProcessBuilder(cmd).start();
        int[] ports = ServeOutput.awaitPorts(new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)));
        return new Server(p, "http://127.0.0.1:" + ports[0]);
    }

    private static List<Long> batch(Server s, int count) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/v1/ids?count=" + count))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        JSON.readTree(r.body()).get("ids").forEach(n -> ids.add(Long.parseLong(n.asText())));
        return ids;
    }

    @Test
    void twoProcessesGetDisjointSegmentsAndAKilledOneComesBackAboveAllItIssued() throws Exception {
        Server a = serve();
        Server b = serve();
        List<Long> fromA = new ArrayList<>();
        List<Long> fromB = new ArrayList<>();
        try {
            for (int round = 0; round < 40; round++) {
                fromA.addAll(batch(a, 150));
                fromB.addAll(batch(b, 150));
            }
            assertThat(fromA).isSorted();
            assertThat(fromB).isSorted();
            Set<Long> all = new HashSet<>(fromA);
            all.addAll(fromB);
            assertThat(all).as("no ID from both processes").hasSize(fromA.size() + fromB.size());

            a.kill9();
            Server again = serve();
            a = again;
            List<Long> afterRestart = batch(again, 500);
            long highestBefore = Math.max(fromA.get(fromA.size() - 1), fromB.get(fromB.size() - 1));
            assertThat(afterRestart.get(0)).as("a restarted process takes a fresh segment above everything issued")
                    .isGreaterThan(highestBefore);
            JsonNode details = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(again.base() + "/api/v1/generators/default"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(details.get("scheme").asText()).isEqualTo("segment");
            assertThat(details.at("/details/biz_tag").asText()).isEqualTo("orders");
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(again.base() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("idmint_segment_remaining_ids{generator=\"default\"}");
            assertThat(Promtool.checkMetrics(metrics)).as("promtool check metrics").isEmpty();
        } finally {
            a.kill9();
            b.kill9();
        }
        CliTest.Run listed = CliTest.run("segment", "list", "--config", config.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode key = JSON.readTree(listed.lines().get(0));
        assertThat(key.get("biz_tag").asText()).isEqualTo("orders");
        assertThat(key.get("next_value").asLong()).isGreaterThan(fromB.get(fromB.size() - 1));
    }

    @Test
    void aKeyCreatedAheadKeepsItsStepAndAnUnreachableDatabaseIsRetryLater() throws Exception {
        CliTest.Run created = CliTest.run("segment", "create", "orders", "--step", "5000", "--description", "order numbers",
                "--config", config.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("orders created on");
        CliTest.Run described = CliTest.run("segment", "describe", "--config", config.toString());
        assertThat(described.out()).contains("\"step\":5000").contains("\"description\":\"order numbers\"");
        pg.kill9();
        CliTest.Run refused = CliTest.run("generate", "-n", "1", "--config", config.toString());
        assertThat(refused.exit()).as("retry later").isEqualTo(1);
        assertThat(refused.err()).contains("segment store " + pg.jdbcUrl() + " unreachable").contains("Connection refused");
    }
}
