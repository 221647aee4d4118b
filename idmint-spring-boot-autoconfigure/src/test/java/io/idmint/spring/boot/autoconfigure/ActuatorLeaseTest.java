package io.idmint.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.core.BitLayout;
import io.idmint.core.IdFormat;
import io.idmint.core.IdGenerator;
import io.idmint.testkit.LoopbackZooKeeper;
import io.idmint.testkit.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot web application on 127.0.0.1 whose worker ID is leased from a real ZooKeeper (Curator's
 * TestingServer, on 127.0.0.1): the actuator's health shows the lease, turns DOWN once ZooKeeper has been
 * gone past the lease's deadline and UP when it is back; the idmint endpoint decodes IDs; the Prometheus
 * scrape carries the service's lease meters.
 */
class ActuatorLeaseTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @Test
    void healthReportsTheLeaseTurnsDownWhenItIsLostAndUpWhenItIsBack() throws Exception {
        Path state = TempDirs.create();
        try (TestingServer zk = LoopbackZooKeeper.start(200);
             ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).properties(
                     "server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
                     "management.endpoints.web.exposure.include=health,idmint,prometheus",
                     "management.endpoint.health.show-details=always",
                     "logging.level.org.apache.zookeeper=error", "logging.level.org.apache.curator=error",
                     "idmint.generator.state-dir=" + state, "idmint.generator.datacenter=1",
                     "idmint.workers.allocation=zookeeper", "idmint.workers.zookeeper=" + LoopbackZooKeeper.address(zk),
                     "idmint.workers.cluster=starter-test", "idmint.workers.range=8..15",
                     "idmint.workers.lease-ttl-millis=2000", "idmint.workers.recycle-delay-millis=1000",
                     "idmint.workers.safety-margin-millis=400").run()) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/actuator";

            HttpResponse<String> up = get(base + "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            JsonNode idmint = JSON.readTree(up.body()).path("components").path("idmint");
            assertThat(idmint.path("status").asText()).isEqualTo("UP");
            JsonNode generator = idmint.path("details").path("generators").path("default");
            assertThat(generator.path("leaseState").asText()).isEqualTo("held");
            assertThat(generator.path("worker").asInt()).isBetween(8, 15);
            assertThat(generator.path("leases").get(0).path("epoch").asLong()).isEqualTo(1);
            assertThat(idmint.path("details").path("canIssue").asBoolean()).isTrue();
            assertThat(idmint.path("details").path("clock").path("ntp").asText()).isIn("synchronized", "unsynchronized", "unknown");

            // the endpoint decodes an ID of this generator, in decimal and in base32, and refuses what is not one
            long id = app.getBean(IdGenerator.class).nextId();
            for (String text : new String[] {Long.toString(id), IdFormat.BASE32.format(id)}) {
                HttpResponse<String> decoded = get(base + "/idmint/" + text);
                assertThat(decoded.statusCode()).isEqualTo(200);
                JsonNode d = JSON.readTree(decoded.body());
                assertThat(d.path("id").asLong()).isEqualTo(id);
                assertThat(d.path("worker").asInt()).isEqualTo(generator.path("worker").asInt());
                assertThat(d.path("datacenter").asInt()).isEqualTo(1);
                assertThat(d.path("timestamp_ms").asLong()).isEqualTo(BitLayout.DEFAULT.decode(id).timestamp().toEpochMilli());
            }
            HttpResponse<String> bad = get(base + "/idmint/not-an-id");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(get(base + "/idmint/" + id + "?generator=orders").statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(get(base + "/idmint").body()).path("generators").path("default").path("layout")
                    .path("name").asText()).isEqualTo("default");

            String metrics = get(base + "/prometheus").body();
            assertThat(metrics).contains("idmint_lease_held{generator=\"default\"} 1.0").contains("idmint_lease_epoch{generator=\"default\"} 1.0");
            assertThat(Promtool.checkMetrics(idmintFamilies(metrics))).as("promtool check metrics").isEmpty();

            zk.stop();
            HttpResponse<String> down = await("health DOWN after the lease's deadline").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50)).until(() -> get(base + "/health"), r -> r.statusCode() == 503);
            JsonNode lost = JSON.readTree(down.body()).path("components").path("idmint");
            assertThat(lost.path("status").asText()).isEqualTo("DOWN");
            assertThat(lost.path("details").path("canIssue").asBoolean()).isFalse();
            assertThat(lost.path("details").path("reason").asText()).startsWith("generator default: ");
            assertThat(lost.path("details").path("generators").path("default").path("leaseState").asText()).isNotEqualTo("held");

            zk.restart();
            await("health UP once ZooKeeper is back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> get(base + "/health"), r -> r.statusCode() == 200);
            assertThat(JSON.readTree(get(base + "/health").body()).path("components").path("idmint").path("details")
                    .path("generators").path("default").path("leaseState").asText()).isEqualTo("held");
            assertThat(get(base + "/prometheus").body()).contains("idmint_lease_losses_total{generator=\"default\"} 1.0");
            assertThat(app.getBean(IdGenerator.class).nextId()).isGreaterThan(id);
        } finally {
            TempDirs.delete(state);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The idmint families of a scrape (HELP, TYPE and samples), for promtool without the JVM's and Tomcat's. */
    static String idmintFamilies(String exposition) {
        return exposition.lines().filter(l -> l.startsWith("idmint_") || l.startsWith("# HELP idmint_")
                || l.startsWith("# TYPE idmint_")).collect(Collectors.joining("\n", "", "\n"));
    }
}
