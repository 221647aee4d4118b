package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.idmint.config.GrpcSettings;
import io.idmint.config.HttpSettings;
import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.IdGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readiness tells the truth: HTTP readiness and gRPC health turn NOT_SERVING while a generator cannot
 * issue, recover by themselves when the cause passes, and liveness stays 200 throughout.
 */
class ReadinessTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClockBehindBeyondTheWaitBoundIsNotReadyOnBothTransportsUntilItCatchesUp() throws Exception {
        SteppedClock clock = new SteppedClock();
        IdGenerator orders = IdGenerator.builder(BitLayout.DEFAULT).worker(2).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1))).build();
        try (IdmintServer server = IdmintServer.start(TestIssuers.of(
                        TestIssuers.named("default", IdGenerator.builder(BitLayout.DEFAULT).worker(1).build()),
                        TestIssuers.named("orders", orders)),
                HttpSettings.DEFAULT.withPort(0), GrpcSettings.DEFAULT.withPort(0))) {
            String base = "http://127.0.0.1:" + server.httpPort();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
            try {
                assertThat(get(base + "/api/v1/ids?generator=orders").statusCode()).isEqualTo(200);
                assertThat(get(base + "/api/v1/health/ready").statusCode()).isEqualTo(200);
                assertThat(grpcHealth(channel)).isEqualTo(ServingStatus.SERVING);

                clock.step(-5_000);
                HttpResponse<String> ready = get(base + "/api/v1/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.get("status").asText()).isEqualTo("DOWN");
                assertThat(body.get("reason").asText()).startsWith("generator orders: the clock reads").contains("ms behind");
                assertThat(body.get("generators").get("orders").get("status").asText()).isEqualTo("DOWN");
                assertThat(body.get("generators").get("default").get("status").asText()).isEqualTo("UP");
                assertThat(get(base + "/api/v1/health/live").statusCode()).isEqualTo(200);
                assertThat(grpcHealth(channel)).isEqualTo(ServingStatus.NOT_SERVING);
                assertThat(get(base + "/metrics").body()).contains("idmint_generator_ready{generator=\"orders\"} 0.0");

                clock.step(5_000);
                await("readiness to recover by itself").atMost(Duration.ofSeconds(5))
                        .until(() -> get(base + "/api/v1/health/ready").statusCode() == 200);
                assertThat(grpcHealth(channel)).isEqualTo(ServingStatus.SERVING);
                assertThat(get(base + "/api/v1/ids?generator=orders").statusCode()).isEqualTo(200);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aLayoutAtItsEndOfLifeIsNotReadyAndItsRequestsArePermanentFailures() throws Exception {
        long now = System.currentTimeMillis();
        BitLayout ending = BitLayout.builder().name("ending").epoch(Instant.ofEpochMilli(now - 1_000)).timestampBits(16)
                .datacenterBits(0).workerBits(0).sequenceBits(4).build();
        SteppedClock clock = new SteppedClock();
        try (IdmintServer server = IdmintServer.start(TestIssuers.of(IdGenerator.builder(ending).timeSource(clock).build()),
                HttpSettings.DEFAULT.withPort(0), GrpcSettings.DEFAULT.withPort(0))) {
            String base = "http://127.0.0.1:" + server.httpPort();
            assertThat(get(base + "/api/v1/health/ready").statusCode()).isEqualTo(200);
            clock.step(ending.endOfLifeMillis() - now);
            assertThat(get(base + "/api/v1/health/ready").statusCode()).isEqualTo(503);
            HttpResponse<String> refused = get(base + "/api/v1/ids");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(410);
            assertThat(refused.headers().firstValue("retry-after")).as("retrying cannot help").isEmpty();
            assertThat(refused.body()).contains("layout 'ending'");
        }
    }

    private static ServingStatus grpcHealth(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus();
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
