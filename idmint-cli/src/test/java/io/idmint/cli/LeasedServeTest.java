package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.composition.Composition;
import io.idmint.config.AllocationKind;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.core.BitLayout;
import io.idmint.server.IdmintServer;
import io.idmint.testkit.LoopbackZooKeeper;
import io.idmint.testkit.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * The service on a worker ID leased from a real ZooKeeper (in-process, on 127.0.0.1): lease health and
 * metrics reach the server through the generator's lease report, and without a lease it answers 503.
 */
class LeasedServeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(IdmintServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesUnderALeaseAnswers503WhenItExpiresAndRecoversWhenZooKeeperReturns() throws Exception {
        try (TestingServer zk = LoopbackZooKeeper.start(200)) {
            Workers w = new Workers(AllocationKind.ZOOKEEPER, LoopbackZooKeeper.address(zk), null, "server-test", "eu",
                    8, 15, 0, -1, 2000, 1000, 400, 1);
            IdmintConfig cfg = IdmintConfig.defaults().withGenerator(s -> s.withStateDir(null).withDatacenter(1))
                    .withWorkers(x -> w).withHttp(h -> h.withPort(0)).withGrpc(g -> g.withPort(0)).validate("test");
            try (IdmintServer server = IdmintServer.start(Composition.open(cfg, UnaryOperator.identity()).issuer(), cfg.http(), cfg.grpc())) {
                HttpResponse<String> id = get(server, "/api/v1/ids");
                assertThat(id.statusCode()).isEqualTo(200);
                long value = Long.parseLong(JSON.readTree(id.body()).get("id").asText());
                assertThat(BitLayout.DEFAULT.decode(value).worker()).isBetween(8, 15);
                JsonNode health = JSON.readTree(get(server, "/api/v1/health/ready").body());
                assertThat(health.get("lease_state").asText()).isEqualTo("held");
                String metrics = get(server, "/metrics").body();
                assertThat(Promtool.checkMetrics(metrics)).as("promtool check metrics").isEmpty();
                assertThat(metrics).contains("idmint_clock_offset_to_peers_seconds{generator=\"default\"}")
                        .contains("idmint_lease_renewal_queue_depth{generator=\"default\"} 0.0")
                        .contains("idmint_clock_ntp_synchronized");
                assertThat(metrics).contains("idmint_lease_held{generator=\"default\"} 1.0")
                        .contains("idmint_lease_epoch{generator=\"default\"} 1.0")
                        .contains("idmint_lease_deadline_seconds").contains("idmint_lease_renewals_total");

                zk.stop();
                HttpResponse<String> refused = awaitStatus(server, "/api/v1/ids", 503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("deadline");
                HttpResponse<String> ready = awaitStatus(server, "/api/v1/health/ready", 503);
                assertThat(JSON.readTree(ready.body()).get("lease_state").asText()).isNotEqualTo("held");

                zk.restart();
                awaitStatus(server, "/api/v1/ids", 200);
                assertThat(JSON.readTree(get(server, "/api/v1/health/ready").body()).get("lease_state").asText()).isEqualTo("held");
                assertThat(get(server, "/metrics").body()).contains("idmint_lease_losses_total{generator=\"default\"} 1.0");
            }
        }
    }

    private HttpResponse<String> awaitStatus(IdmintServer server, String path, int status) {
        return await(path + " to answer " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(server, path), r -> r.statusCode() == status);
    }
}
