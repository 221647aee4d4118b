package io.idmint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.HttpSettings;
import io.idmint.core.ClockMovedBackwardsException;
import io.idmint.core.FailureKind;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.LayoutExpiredException;
import io.idmint.testkit.ControlledGenerator;
import io.idmint.server.IdService;
import io.idmint.server.TestIssuers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP face's one table from failure kinds to responses, tested in one place: every kind, on the
 * event loop's path (a single ID, a small batch) and on the worker pool's (a large batch).
 */
class HttpFailureTableTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static ControlledGenerator generator;
    static IdService service;
    static HttpServerHandle server;

    @BeforeAll
    static void start() throws Exception {
        generator = new ControlledGenerator(1);
        service = new IdService(TestIssuers.of(generator));
        server = HttpServerHandle.start(service, HttpSettings.DEFAULT.withPort(0).withInstances(1));
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
        service.close();
    }

    @AfterEach
    void heal() {
        generator.fail(null);
    }

    @Test
    void theTableIsExactlyThis() {
        assertThat(HttpFailures.TABLE).containsExactlyInAnyOrderEntriesOf(Map.of(
                FailureKind.INVALID_REQUEST, new HttpFailures.Row(400, "Bad Request", "urn:idmint:problem:invalid-request"),
                FailureKind.RETRY_LATER, new HttpFailures.Row(503, "Service Unavailable", "urn:idmint:problem:retry-later"),
                FailureKind.PERMANENT, new HttpFailures.Row(410, "Gone", "urn:idmint:problem:permanent"),
                FailureKind.INTERNAL, new HttpFailures.Row(500, "Internal Server Error", "urn:idmint:problem:internal")));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new InvalidRequestException("count must be 1..100000: count=0"), 400, "invalid-request", null),
                Arguments.of(new ClockMovedBackwardsException("clock moved backwards: 2500 ms behind", 2_500), 503, "retry-later", "3"),
                Arguments.of(new LayoutExpiredException("layout 'default' is full"), 410, "permanent", null),
                Arguments.of(new IllegalStateException("secret internal detail"), 500, "internal", null));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachKindIsAnsweredByItsRowOnEveryPath(RuntimeException failure, int status, String type, String retryAfter)
            throws Exception {
        generator.fail(failure);
        for (String path : new String[] {"/api/v1/ids", "/api/v1/ids?count=10", "/api/v1/ids?count=5000"}) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
            assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(r.headers().firstValue("retry-after")).as("Retry-After only when retrying can help")
                    .isEqualTo(java.util.Optional.ofNullable(retryAfter));
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:idmint:problem:" + type);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            if (status == 500) {
                assertThat(problem.get("detail").asText()).doesNotContain("secret").doesNotContain("IllegalState")
                        .contains(problem.get("incident").asText());
            } else {
                assertThat(problem.get("detail").asText()).isEqualTo(failure.getMessage());
                assertThat(problem.has("incident")).isFalse();
            }
        }
        generator.fail(null);
        assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ids")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("still serving").isEqualTo(200);
    }
}
