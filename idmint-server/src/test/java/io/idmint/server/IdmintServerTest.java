package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.IdmintConfig;
import io.idmint.core.BitLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdmintServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path state;

    private IdmintConfig config() {
        return IdmintConfig.builder().stateDir(state).httpPort(0).grpcPort(0).worker(4).build();
    }

    @Test
    void closeUnderLoadNeverLeavesAnIssuedIdBeyondTheStoredMark() throws Exception {
        IdmintServer server = IdmintServer.start(config());
        URI uri = URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/ids?count=2000");
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
        server.close();
        long newestIssuedMillis = 0;
        int answered = 0;
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> r;
            try {
                r = f.get();
            } catch (java.util.concurrent.ExecutionException refused) {
                continue; // not accepted: nothing was issued for it
            }
            if (r.statusCode() == 503) {
                continue; // refused while shutting down: no ID
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode ids = JSON.readTree(r.body()).get("ids");
            assertThat(ids).hasSize(2000);
            long last = Long.parseLong(ids.get(1999).asText());
            newestIssuedMillis = Math.max(newestIssuedMillis, BitLayout.DEFAULT.decode(last).timestamp().toEpochMilli());
            answered++;
        }
        assertThat(answered).as("requests answered before shutdown").isPositive();
        Properties mark = new Properties();
        mark.load(Files.newBufferedReader(state.resolve("worker-dc0-w4.hwm")));
        assertThat(Long.parseLong(mark.getProperty("reservedUntilMillis"))).isGreaterThanOrEqualTo(newestIssuedMillis);
    }

    @Test
    void restartOnTheSameStateStartsAfterTheStoredMark() throws Exception {
        long last;
        try (IdmintServer first = IdmintServer.start(config())) {
            last = first.service().nextId();
        }
        try (IdmintServer second = IdmintServer.start(config())) {
            assertThat(second.service().nextId()).isGreaterThan(last);
        }
    }

    @Test
    void secondServerOnTheSameWorkerStateIsRefused() throws Exception {
        try (IdmintServer first = IdmintServer.start(config())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdmintServer.start(config()))
                    .hasMessageContaining("another generator holds");
            assertThat(first.service().health().canIssue()).isTrue();
        }
    }

    @Test
    void environmentOverridesTheFileAndBadValuesAreListed() throws Exception {
        Path file = state.resolve("idmint.yaml");
        Files.writeString(file, "http:\n  port: 8081\ngenerator:\n  worker: 1\n");
        IdmintConfig cfg = IdmintConfig.load(file).toBuilder()
                .applyEnvironment(Map.of("IDMINT_HTTP_PORT", "18081", "IDMINT_WORKER", "5")).build();
        assertThat(cfg.httpPort()).isEqualTo(18081);
        assertThat(cfg.worker()).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdmintConfig.load(file).toBuilder()
                .applyEnvironment(Map.of("IDMINT_HTTP_PORT", "http", "IDMINT_WORKER", "99")).build())
                .hasMessageContaining("IDMINT_HTTP_PORT must be 0..65535: IDMINT_HTTP_PORT=http")
                .hasMessageContaining("generator.worker must be 0..31 for layout 'default': generator.worker=99");
    }

    @Test
    void configFileServerSectionsAreValidated() throws Exception {
        Path file = state.resolve("bad.yaml");
        Files.writeString(file, "http:\n  port: 70000\n  tlsCertPath: /tmp/cert.pem\ngrpc:\n  port: -1\n  colour: red\n");
        assertThat(IdmintConfig.problems(file)).containsExactlyInAnyOrder(
                "http.port must be 0..65535: http.port=70000 (example: port: 8080)",
                "grpc.port must be 0..65535: grpc.port=-1 (example: port: 9090)",
                "unknown key grpc.colour: known keys are [host, port]",
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=/tmp/cert.pem tlsKeyPath=null"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)");
    }
}
