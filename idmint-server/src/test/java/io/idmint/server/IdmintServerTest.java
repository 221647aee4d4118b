package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.GrpcSettings;
import io.idmint.config.HttpSettings;
import io.idmint.core.BitLayout;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.BatchSize;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdmintServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path state;

    /** Worker 4 with its high-water mark in the test's state directory, on ephemeral ports. */
    private IdmintServer start() throws Exception {
        IdGenerator g = IdGenerator.builder(BitLayout.DEFAULT).worker(4)
                .highWaterMark(HighWaterMarkStore.file(state.resolve("worker-dc0-w4.hwm"))).build();
        return IdmintServer.start(TestIssuers.of(g), HttpSettings.DEFAULT.withPort(0), GrpcSettings.DEFAULT.withPort(0));
    }

    private static long oneId(IdmintServer server) {
        long[] id = new long[1];
        server.service().issue(server.service().issuer().defaultGenerator(), id, 0, BatchSize.ONE);
        return id[0];
    }

    @Test
    void closeUnderLoadNeverLeavesAnIssuedIdBeyondTheStoredMark() throws Exception {
        IdmintServer server = start();
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
            if (r.statusCode() == 503 || r.statusCode() == 410) {
                continue; // refused while shutting down, or reached the closed generator: no ID
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
        try (IdmintServer first = start()) {
            last = oneId(first);
        }
        try (IdmintServer second = start()) {
            assertThat(oneId(second)).isGreaterThan(last);
        }
    }

    @Test
    void secondServerOnTheSameWorkerStateIsRefused() throws Exception {
        try (IdmintServer first = start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(this::start)
                    .hasMessageContaining("another generator holds");
            assertThat(first.service().health().canIssue()).isTrue();
        }
    }
}
