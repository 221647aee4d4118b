package io.idmint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.core.BitLayout;
import io.idmint.core.IdFormat;
import io.idmint.core.IdGenerator;
import io.idmint.config.HttpSettings;
import io.idmint.server.IdService;
import io.idmint.server.TestIssuers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint and error case, against the real Vert.x server on an ephemeral loopback port. */
class HttpApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static IdService service;
    static HttpServerHandle server;
    static HttpServerHandle secured;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final BitLayout TWITTER = BitLayout.preset("twitter");

    @BeforeAll
    static void start() throws Exception {
        service = new IdService(TestIssuers.of(
                TestIssuers.named("default", IdGenerator.builder(BitLayout.DEFAULT).datacenter(2).worker(7).build()),
                TestIssuers.named("orders", IdGenerator.builder(TWITTER).datacenter(1).worker(3).build())));
        HttpSettings loopback = HttpSettings.DEFAULT.withPort(0);
        server = HttpServerHandle.start(service, loopback.withInstances(2));
        secured = HttpServerHandle.start(service, loopback.withInstances(1).withBearerToken("s3cret"));
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
        secured.shutdown(Duration.ofSeconds(5));
        service.close();
    }

    static HttpResponse<String> get(HttpServerHandle s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static void assertProblem(HttpResponse<String> r, int status, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void singleIdIsAJsonStringByDefault() throws Exception {
        HttpResponse<String> r = get(server, "/api/v1/ids");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).as("a cached ID would be a duplicate").contains("no-store");
        JsonNode id = json(r).get("id");
        assertThat(id.isTextual()).isTrue();
        assertThat(BitLayout.DEFAULT.decode(Long.parseLong(id.asText())).worker()).isEqualTo(7);
        assertThat(json(get(server, "/api/v1/ids?format=number")).get("id").isIntegralNumber()).isTrue();
        String b32 = json(get(server, "/api/v1/ids?format=base32")).get("id").asText();
        assertThat(BitLayout.DEFAULT.decode(IdFormat.BASE32.parse(b32)).datacenter()).isEqualTo(2);
    }

    @Test
    void batchesAreUniqueAndIncreasingOnAndOffTheEventLoop() throws Exception {
        for (int count : new int[] {1, 10, 4096, 20_000, 100_000}) {
            JsonNode body = json(get(server, "/api/v1/ids?count=" + count));
            assertThat(body.get("count").asInt()).isEqualTo(count);
            JsonNode ids = body.get("ids");
            assertThat(ids).hasSize(count);
            long prev = -1;
            for (JsonNode id : ids) {
                long v = Long.parseLong(id.asText());
                assertThat(v).isGreaterThan(prev);
                prev = v;
            }
            assertThat(body.get("max_sequence").asInt()).isBetween(0, 4095);
        }
    }

    @Test
    void aNamedGeneratorIsSelectedOnEveryEndpointAndAnUnknownNameListsTheKnownOnes() throws Exception {
        long single = Long.parseLong(json(get(server, "/api/v1/ids?generator=orders")).get("id").asText());
        assertThat(TWITTER.decode(single).worker()).isEqualTo(3);
        JsonNode batch = json(get(server, "/api/v1/ids?generator=orders&count=3"));
        assertThat(TWITTER.decode(Long.parseLong(batch.get("ids").get(2).asText())).datacenter()).isEqualTo(1);
        JsonNode decoded = json(get(server, "/api/v1/ids/" + single + "?generator=orders"));
        assertThat(decoded.get("layout").asText()).isEqualTo("twitter");
        assertThat(decoded.get("generator").asText()).isEqualTo("orders");
        assertThat(decoded.get("worker").asInt()).isEqualTo(3);
        JsonNode info = json(get(server, "/api/v1/info?generator=orders"));
        assertThat(info.get("layout").asText()).isEqualTo("twitter");
        assertThat(info.get("generators").toString()).isEqualTo("[\"default\",\"orders\"]");
        String unknown = "unknown generator: generator=events (this process serves default, orders)";
        assertProblem(get(server, "/api/v1/ids?generator=events"), 400, unknown);
        assertProblem(get(server, "/api/v1/ids/1?generator=events"), 400, unknown);
        assertProblem(get(server, "/api/v1/info?generator=events"), 400, unknown);
        assertThat(get(server, "/metrics").body()).contains("idmint_ids_generated_total{generator=\"orders\"}")
                .contains("generator=\"unknown\"");
    }

    @Test
    void badQueriesAreProblemsNamingTheValueAndTheLimit() throws Exception {
        assertProblem(get(server, "/api/v1/ids?count=0"), 400, "count must be 1..100000: count=0");
        assertProblem(get(server, "/api/v1/ids?count=100001"), 400, "count must be 1..100000: count=100001");
        assertProblem(get(server, "/api/v1/ids?count=ten"), 400, "count must be an integer 1..100000: count=ten");
        assertProblem(get(server, "/api/v1/ids?format=xml"), 400, "format must be one of string, number, base32, hex, uuid: format=xml");
        assertProblem(get(server, "/api/v1/ids/banana"), 400, "not an ID: 'banana': expected decimal digits, 13 base32 symbols or 0x-prefixed hex");
        assertProblem(get(server, "/api/v1/nothing"), 404, "no resource at GET /api/v1/nothing");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ids"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(post, 405, "only GET is served: method=POST");
        assertThat(get(server, "/api/v1/ids?x=" + "a".repeat(5000)).statusCode()).isEqualTo(414);
        // Still serving after all of that.
        assertThat(get(server, "/api/v1/ids").statusCode()).isEqualTo(200);
    }

    @Test
    void decodeAcceptsDecimalBase32AndHexAndRendersTheCanonicalFields() throws Exception {
        long id = BitLayout.DEFAULT.compose(BitLayout.DEFAULT.epochMillis() + 1, 2, 7, 9);
        for (String text : new String[] {Long.toString(id), IdFormat.BASE32.format(id), "0x" + IdFormat.HEX.format(id)}) {
            JsonNode d = json(get(server, "/api/v1/ids/" + text));
            assertThat(d.get("id").asText()).isEqualTo(Long.toString(id));
            assertThat(d.get("timestamp").asText()).isEqualTo("2024-01-01T00:00:00.001Z");
            assertThat(d.get("timestamp_ms").asLong()).isEqualTo(BitLayout.DEFAULT.epochMillis() + 1);
            assertThat(d.get("datacenter").asInt()).isEqualTo(2);
            assertThat(d.get("worker").asInt()).isEqualTo(7);
            assertThat(d.get("sequence").asInt()).isEqualTo(9);
            assertThat(d.get("base32").asText()).isEqualTo(IdFormat.BASE32.format(id));
            assertThat(d.get("hex").asText()).isEqualTo(IdFormat.HEX.format(id));
        }
    }

    @Test
    void thirteenDigitsAreAmbiguousUntilTheFormatIsNamed() throws Exception {
        HttpResponse<String> r = get(server, "/api/v1/ids/1234567890123");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).startsWith("ambiguous ID '1234567890123': as decimal it is 1234567890123, as base32 ");
        assertThat(json(get(server, "/api/v1/ids/1234567890123?format=decimal")).get("id").asText()).isEqualTo("1234567890123");
        assertThat(json(get(server, "/api/v1/ids/1234567890123?format=base32")).get("id").asText())
                .isEqualTo(Long.toString(IdFormat.BASE32.parse("1234567890123")));
    }

    @Test
    void infoDescribesTheLayoutAndWorker() throws Exception {
        JsonNode info = json(get(server, "/api/v1/info"));
        assertThat(info.get("layout").asText()).isEqualTo("default");
        assertThat(info.get("epoch").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(info.get("end_of_life").asText()).isEqualTo("2093-09-06T15:47:35.552Z");
        assertThat(info.get("worker").asInt()).isEqualTo(7);
        assertThat(info.get("datacenter").asInt()).isEqualTo(2);
    }

    @Test
    void healthTurns503WhenTheServiceCannotIssueAndBack() throws Exception {
        HttpResponse<String> up = get(server, "/api/v1/health");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode h = json(up);
        assertThat(h.get("status").asText()).isEqualTo("UP");
        assertThat(h.get("clock_lead_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(h.get("clock_offset_to_peers_ms").isNull()).as("a static worker has no lease peers").isTrue();
        assertThat(h.has("ntp_synchronized")).isTrue();
        assertThat(h.has("clock_error_estimate_ms")).isTrue();
        assertThat(h.get("worker").asInt()).isEqualTo(7);
        assertThat(h.get("lease_state").asText()).isEqualTo("static");
        assertThat(h.get("generators").get("orders").get("worker").asInt()).isEqualTo(3);
        assertThat(h.get("generators").get("orders").get("status").asText()).isEqualTo("UP");
        service.stopIssuing("maintenance");
        try {
            assertThat(get(server, "/api/v1/health").statusCode()).isEqualTo(503);
            assertThat(get(server, "/api/v1/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(server, "/api/v1/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = get(server, "/api/v1/ids");
            assertProblem(refused, 503, "not issuing: maintenance; another process may serve the request");
            assertThat(refused.headers().firstValue("retry-after")).contains("1");
        } finally {
            service.issuer().resumeIssuing();
        }
        assertThat(get(server, "/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreParseablePrometheusTextWithTheDocumentedNames() throws Exception {
        get(server, "/api/v1/ids?count=5");
        HttpResponse<String> r = get(server, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        Set<String> names = new HashSet<>();
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // name{labels} value
            assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? [-+0-9.eENaInf]+");
            names.add(line.replaceAll("[{ ].*", ""));
        }
        assertThat(names).contains("idmint_ids_generated_total", "idmint_requests_seconds_bucket", "idmint_requests_seconds_count",
                "idmint_sequence_overflows_total", "idmint_sequence_overflow_wait_seconds_total", "idmint_clock_rollbacks_total",
                "idmint_sequence_utilisation_ratio", "idmint_clock_lead_seconds", "idmint_layout_lifetime_used_ratio",
                "idmint_worker_id", "idmint_generator_ready", "idmint_clock_ntp_synchronized");
        assertThat(r.body()).contains("transport=\"http\"").contains("generator=\"default\"");
    }

    @Test
    void bearerTokenProtectsTheIdEndpointsOnly() throws Exception {
        HttpResponse<String> none = get(secured, "/api/v1/ids");
        assertProblem(none, 401, "the ID endpoints need an Authorization: Bearer token");
        assertThat(none.headers().firstValue("www-authenticate")).contains("Bearer");
        assertProblem(get(secured, "/api/v1/ids", "Authorization", "Bearer wrong"), 401, "the bearer token does not match");
        assertThat(get(secured, "/api/v1/ids", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get(secured, "/api/v1/health").statusCode()).isEqualTo(200);
        assertThat(get(secured, "/metrics").statusCode()).isEqualTo(200);
    }
}
