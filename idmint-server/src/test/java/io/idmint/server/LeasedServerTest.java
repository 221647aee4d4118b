package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.core.BitLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The service on a worker ID leased from a real ZooKeeper (in-process, on 127.0.0.1): health, metrics, 503 without a lease. */
class LeasedServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(IdmintServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesUnderALeaseAnswers503WhenItExpiresAndRecoversWhenZooKeeperReturns() throws Exception {
        InstanceSpec spec = new InstanceSpec(Files.createTempDirectory("idmint-zk").toFile(), InstanceSpec.getRandomPort(), -1, -1,
                true, 1, 200, 100, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
        try (TestingServer zk = new TestingServer(spec, true)) {
            Workers w = Workers.STATIC.withAllocation(IdmintConfig.AllocationKind.ZOOKEEPER)
                    .withCoordinator("127.0.0.1:" + zk.getPort(), null).withNames("server-test", "eu").withRange(8, 15);
            IdmintConfig cfg = IdmintConfig.builder().stateDir(null).httpPort(0).grpcPort(0).datacenter(1)
                    .workers(new Workers(w.allocation(), w.zookeeper(), w.etcd(), w.cluster(), w.region(), 8, 15, 0, -1,
                            2000, 1000, 400, 1)).build();
            try (IdmintServer server = IdmintServer.start(cfg)) {
                HttpResponse<String> id = get(server, "/api/v1/ids");
                assertThat(id.statusCode()).isEqualTo(200);
                long value = Long.parseLong(JSON.readTree(id.body()).get("id").asText());
                assertThat(BitLayout.DEFAULT.decode(value).worker()).isBetween(8, 15);
                JsonNode health = JSON.readTree(get(server, "/api/v1/health/ready").body());
                assertThat(health.get("lease_state").asText()).isEqualTo("held");
                String metrics = get(server, "/metrics").body();
                assertThat(metrics).contains("idmint_lease_held 1.0").contains("idmint_lease_epoch 1.0")
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
                assertThat(get(server, "/metrics").body()).contains("idmint_lease_losses_total 1.0");
            }
        }
    }

    private HttpResponse<String> awaitStatus(IdmintServer server, String path, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> r;
        while ((r = get(server, path)).statusCode() != status) {
            assertThat(System.nanoTime() - deadline).as("%s never answered %d; last: %d %s", path, status, r.statusCode(), r.body())
                    .isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll pacing
        }
        return r;
    }
}
