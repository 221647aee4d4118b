package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing blocks the event loop: while an ID request waits out a clock rollback (up to the 1 s the default
 * policy allows), health, readiness and metrics still answer at once on the same, single event loop.
 */
class EventLoopTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/ids", "/api/v1/ids?count=10"})
    void healthReadinessAndMetricsAnswerWhileAnIdRequestWaitsOutARollback(String idPath) throws Exception {
        SteppedClock clock = new SteppedClock();
        try (IdmintServer server = start(clock)) {
            String base = "http://127.0.0.1:" + server.httpPort();
            for (int i = 0; i < 20; i++) { // warm every path up, so the timings below measure waiting, not JIT
                for (String path : new String[] {"/api/v1/health", "/api/v1/health/ready", "/metrics", idPath}) {
                    assertThat(get(base + path).statusCode()).isEqualTo(200);
                }
            }
            clock.step(-900); // behind the last ID by 900 ms: within the 1 s bound, so the request waits
            long readsBefore = clock.reads();
            CompletableFuture<HttpResponse<String>> waiting = CLIENT.sendAsync(request(base + idPath),
                    HttpResponse.BodyHandlers.ofString());
            await("the ID request to be waiting for the clock").atMost(Duration.ofSeconds(5))
                    .until(() -> clock.reads() - readsBefore > 100);
            for (String path : new String[] {"/api/v1/health", "/api/v1/health/ready", "/metrics"}) {
                long start = System.nanoTime();
                HttpResponse<String> r = get(base + path);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(waiting).as("%s answered while the ID request still waited", path).isNotDone();
                assertThat(millis).as("%s answered in %d ms", path, millis).isLessThan(50);
            }
            HttpResponse<String> served = waiting.get();
            assertThat(served.statusCode()).as("the clock caught up within the bound: %s", served.body()).isEqualTo(200);
        }
    }

    @Test
    void aRollbackBeyondTheBoundIsRefusedAtOnceAsRetryLater() throws Exception {
        SteppedClock clock = new SteppedClock();
        try (IdmintServer server = start(clock)) {
            String base = "http://127.0.0.1:" + server.httpPort();
            assertThat(get(base + "/api/v1/ids").statusCode()).isEqualTo(200);
            clock.step(-5_000);
            HttpResponse<String> refused = get(base + "/api/v1/ids");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("retry-after")).as("how far behind, rounded up").contains("5");
            assertThat(refused.body()).containsPattern("49\\d\\d ms behind|5000 ms behind");
        }
    }

    /** One generator on {@code clock} with the default wait-up-to-1-s policy, HTTP on a single event loop. */
    private static IdmintServer start(SteppedClock clock) throws Exception {
        IdGenerator g = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1))).build();
        return IdmintServer.start(TestIssuers.of(g), HttpSettings.DEFAULT.withPort(0).withInstances(1),
                GrpcSettings.DEFAULT.withPort(0));
    }

    private static HttpRequest request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return CLIENT.send(request(uri), HttpResponse.BodyHandlers.ofString());
    }
}
