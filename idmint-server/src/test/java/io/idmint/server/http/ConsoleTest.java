package io.idmint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.HttpSettings;
import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.server.IdService;
import io.idmint.server.TestIssuers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's page, assets and stats endpoint over real HTTP; the browser test drives the page itself. */
class ConsoleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static IdService service;
    static HttpServerHandle secured;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        service = new IdService(TestIssuers.of(
                TestIssuers.named("default", IdGenerator.builder(BitLayout.DEFAULT).datacenter(2).worker(7).build()),
                TestIssuers.named("discord", IdGenerator.builder(BitLayout.preset("discord")).datacenter(1).worker(3).build()),
                NamedGenerator.uuidV7("uploads", UuidV7Generator.builder().node(5).build())));
        secured = HttpServerHandle.start(service, HttpSettings.DEFAULT.withPort(0).withInstances(1).withBearerToken("s3cret"));
    }

    @AfterAll
    static void stop() {
        secured.shutdown(Duration.ofSeconds(5));
        service.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secured.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsAssetsAreServedFromTheJarWithoutAToken() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "connect-src 'self'", "script-src 'self'"));
        assertThat(page.body()).contains("<title>idmint console</title>", "/console/console.js");
        assertThat(page.body()).as("no asset from elsewhere").doesNotContain("http://", "https://");
        for (String asset : List.of("console.js", "console.css", "favicon.svg")) {
            HttpResponse<String> r = get("/console/" + asset);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.body()).as(asset).doesNotContain("https://", "cdn");
        }
        HttpResponse<String> missing = get("/console/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(get("/console/../pom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void theIdEndpointsTheInspectorUsesStillNeedTheToken() throws Exception {
        assertThat(get("/api/v1/ids/175928847299117063?generator=discord").statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/api/v1/ids/175928847299117063?generator=discord", "Authorization", "Bearer s3cret");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = JSON.readTree(r.body());
        assertThat(d.get("timestamp").asText()).isEqualTo("2016-04-30T11:18:25.796Z");
        assertThat(d.get("datacenter").asInt()).isEqualTo(1);
        assertThat(d.get("sequence").asInt()).isEqualTo(7);
    }

    @Test
    void statsCarryCountersHistogramsLeasesAndBitFields() throws Exception {
        JsonNode before = generator(stats(), "default");
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/ids?count=10", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        }
        assertThat(get("/api/v1/ids?count=0", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(400);
        JsonNode root = stats();
        assertThat(root.get("now_ms").asLong()).isPositive();
        JsonNode g = generator(root, "default");
        assertThat(g.get("ids_generated").asLong() - before.get("ids_generated").asLong()).isEqualTo(50);
        JsonNode req = g.get("requests");
        assertThat(req.get("outcomes").get("ok").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(req.get("outcomes").get("invalid_request").asLong()).isGreaterThanOrEqualTo(1);
        List<Double> le = new ArrayList<>();
        req.get("bucket_le_seconds").forEach(x -> le.add(x.asDouble()));
        List<Long> counts = new ArrayList<>();
        req.get("bucket_cumulative").forEach(x -> counts.add(x.asLong()));
        assertThat(le).isNotEmpty().isSorted().hasSameSizeAs(counts);
        assertThat(counts).as("cumulative").isSorted();
        assertThat(counts.get(counts.size() - 1)).as("every ok request under the 5 s top bucket")
                .isEqualTo(req.get("outcomes").get("ok").asLong());

        assertThat(g.get("width_bits").asInt()).isEqualTo(64);
        assertThat(g.get("layout").get("end_of_life").asText()).isEqualTo("2093-09-06T15:47:35.552Z");
        assertThat(fields(g)).containsExactly("unused:1:63", "timestamp:41:22", "datacenter:5:17", "worker:5:12", "sequence:12:0");
        assertThat(g.get("stats").get("sequence_capacity").asLong()).isEqualTo(4096);
        assertThat(g.get("stats").get("lifetime_used").asDouble()).isBetween(0.0, 1.0);
        assertThat(g.get("leases")).as("a static worker has no lease").isEmpty();
        assertThat(g.get("worker").asInt()).isEqualTo(7);

        JsonNode discord = generator(root, "discord");
        assertThat(fields(discord)).containsExactly("timestamp:42:22", "datacenter:5:17", "worker:5:12", "sequence:12:0");
        assertThat(discord.get("layout").get("end_of_life").asText()).isEqualTo("2084-09-06T15:47:35.552Z");
        JsonNode uploads = generator(root, "uploads");
        assertThat(uploads.get("width_bits").asInt()).isEqualTo(128);
        assertThat(uploads.has("layout")).isFalse();
        assertThat(fields(uploads)).containsExactly("timestamp_ms:48:80", "version:4:76", "counter:12:64", "variant:2:62",
                "node:32:30", "random:30:0");
    }

    private static JsonNode stats() throws Exception {
        HttpResponse<String> r = get("/api/v1/stats");
        assertThat(r.statusCode()).as("open, like /metrics").isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).contains("no-store");
        return JSON.readTree(r.body());
    }

    private static JsonNode generator(JsonNode root, String name) {
        for (JsonNode g : root.get("generators")) {
            if (g.get("name").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no generator " + name + " in " + root);
    }

    private static List<String> fields(JsonNode g) {
        List<String> out = new ArrayList<>();
        g.get("bit_fields").forEach(f -> out.add(f.get("name").asText() + ":" + f.get("bits").asInt() + ":" + f.get("shift").asInt()));
        return out;
    }
}
