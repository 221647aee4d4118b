package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdCodec;
import io.idmint.core.IdGenerator;
import io.idmint.core.Readiness;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A restarted replica does not take traffic cold: readiness (HTTP and gRPC health) says "warming up" until the
 * service has sent itself real requests through its own ports, liveness stays up throughout, and a segment
 * generator is never asked for IDs the warm-up would throw away.
 */
class WarmupTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: the count, not the deadline, ends these warm-ups even on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void readinessSaysWarmingUpUntilTheWarmUpHasServedRealRequestsOnBothTransports() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Executor heldBack = run -> new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            run.run();
        }, "test-warmup").start();
        IdGenerator g = IdGenerator.builder(BitLayout.DEFAULT).worker(5).build();
        try (IdmintServer server = IdmintServer.start(TestIssuers.of(g), HttpSettings.DEFAULT.withPort(0).withInstances(1),
                GrpcSettings.DEFAULT.withPort(0), new Warmup(300, DEADLINE), heldBack)) {
            String base = "http://127.0.0.1:" + server.httpPort();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
            try {
                HttpResponse<String> warming = get(base + "/api/v1/health/ready");
                assertThat(warming.statusCode()).as(warming.body()).isEqualTo(503);
                JsonNode body = JSON.readTree(warming.body());
                assertThat(body.get("status").asText()).isEqualTo("DOWN");
                assertThat(body.get("reason").asText()).startsWith("warming up");
                assertThat(body.get("generators").get("default").get("status").asText())
                        .as("the generator itself can issue").isEqualTo("UP");
                assertThat(get(base + "/api/v1/health/live").statusCode()).isEqualTo(200);
                assertThat(grpcHealth(channel)).isEqualTo(ServingStatus.NOT_SERVING);
                assertThat(server.warmedUp()).isNotDone();
                String before = get(base + "/metrics").body();
                assertThat(metric(before, "idmint_ids_generated_total", "generator=\"default\"")).isZero();

                release.countDown();
                Warmup.Result result = server.warmedUp().get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);

                assertThat(result.requests()).as("300 per transport, all answered").isEqualTo(600);
                assertThat(get(base + "/api/v1/health/ready").statusCode()).isEqualTo(200);
                assertThat(grpcHealth(channel)).isEqualTo(ServingStatus.SERVING);
                // No client of this test asked for an ID: whatever was issued, the warm-up asked for.
                String after = get(base + "/metrics").body();
                assertThat(metric(after, "idmint_ids_generated_total", "generator=\"default\"")).isGreaterThan(300);
                assertThat(metric(after, "idmint_requests_seconds_count", "method=\"single\"", "outcome=\"ok\"", "transport=\"http\""))
                        .as("the HTTP fast path").isPositive();
                assertThat(metric(after, "idmint_requests_seconds_count", "method=\"batch\"", "outcome=\"ok\"", "transport=\"http\""))
                        .as("HTTP batches").isPositive();
                assertThat(metric(after, "idmint_requests_seconds_count", "outcome=\"ok\"", "transport=\"grpc\""))
                        .as("gRPC calls").isPositive();
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void segmentGeneratorsAreNeverAskedForIdsThatTheWarmUpWouldDiscard() throws Exception {
        CountingSegment segment = new CountingSegment("default",
                NamedGenerator.snowflake("default", IdGenerator.builder(BitLayout.DEFAULT).worker(6).build(), LeaseReport.NONE));
        NamedGenerator plain = TestIssuers.named("plain", IdGenerator.builder(BitLayout.DEFAULT).worker(7).build());
        try (IdmintServer server = IdmintServer.start(TestIssuers.of(segment, plain), HttpSettings.DEFAULT.withPort(0)
                .withInstances(1), GrpcSettings.DEFAULT.withPort(0), Warmup.of(200).withDeadline(DEADLINE))) {
            Warmup.Result result = server.warmedUp().get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);

            assertThat(result.requests()).isEqualTo(400);
            assertThat(segment.asked.get()).as("IDs asked of the segment generator").isZero();
            String metrics = get("http://127.0.0.1:" + server.httpPort() + "/metrics").body();
            assertThat(metric(metrics, "idmint_ids_generated_total", "generator=\"default\"")).isZero();
            assertThat(metric(metrics, "idmint_ids_generated_total", "generator=\"plain\"")).as("warmed up instead").isPositive();
            assertThat(get("http://127.0.0.1:" + server.httpPort() + "/api/v1/health/ready").statusCode()).isEqualTo(200);
        }
    }

    // Vert.x's self-signed helper is slated for removal; it is the simplest source of a PEM pair for a test.
    @SuppressWarnings("removal")
    @Test
    void overTlsTheWarmUpTrustsTheServersOwnCertificateAndReachesTheHttpPaths() throws Exception {
        io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("localhost");
        try (IdmintServer server = IdmintServer.start(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(10).build()),
                HttpSettings.DEFAULT.withPort(0).withInstances(1).withTls(java.nio.file.Path.of(cert.certificatePath()),
                        java.nio.file.Path.of(cert.privateKeyPath())),
                GrpcSettings.DEFAULT.withPort(0), new Warmup(200, DEADLINE))) {
            Warmup.Result result = server.warmedUp().get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
            assertThat(result.requests()).as("200 HTTPS and 200 gRPC requests, all answered").isEqualTo(400);
            assertThat(metric(server.service().registry().scrape(), "idmint_requests_seconds_count", "method=\"single\"",
                    "outcome=\"ok\"", "transport=\"http\"")).as("the HTTPS fast path").isPositive();
        } finally {
            cert.delete();
        }
    }

    @Test
    void withoutAWarmUpTheServerIsReadyAtOnce() throws Exception {
        try (IdmintServer server = IdmintServer.start(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(8).build()),
                HttpSettings.DEFAULT.withPort(0).withInstances(1), GrpcSettings.DEFAULT.withPort(0), Warmup.of(0))) {
            assertThat(server.warmedUp()).isCompletedWithValue(Warmup.Result.NONE);
            assertThat(get("http://127.0.0.1:" + server.httpPort() + "/api/v1/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closingWhileWarmingUpStopsTheWarmUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Executor heldBack = run -> new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            run.run();
        }, "test-warmup").start();
        IdmintServer server = IdmintServer.start(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(9).build()),
                HttpSettings.DEFAULT.withPort(0).withInstances(1), GrpcSettings.DEFAULT.withPort(0),
                new Warmup(1_000_000, Duration.ofMinutes(10)), heldBack);
        server.close();
        release.countDown();

        Warmup.Result result = server.warmedUp().get(30, TimeUnit.SECONDS);
        assertThat(result.requests()).as("nothing sent to a closed server").isZero();
    }

    /** The sum of {@code name}'s samples whose labels contain every one of {@code labels}. */
    private static double metric(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        assertThat(found).as("%s{%s} on /metrics", name, String.join(",", labels)).isTrue();
        return sum;
    }

    private static ServingStatus grpcHealth(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus();
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A generator of the segment scheme, as the server sees it (scheme "segment"), that counts what it is asked for. */
    private static final class CountingSegment implements NamedGenerator {
        private final String name;
        private final NamedGenerator values;
        final AtomicLong asked = new AtomicLong();

        CountingSegment(String name, NamedGenerator values) {
            this.name = name;
            this.values = values;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String scheme() {
            return "segment";
        }

        @Override
        public IdCodec codec() {
            return values.codec();
        }

        @Override
        public Optional<BitLayout> layout() {
            return Optional.empty();
        }

        @Override
        public int datacenter() {
            return -1;
        }

        @Override
        public int worker() {
            return -1;
        }

        @Override
        public int tryIssue(long[] into, int offset, BatchSize count) {
            asked.incrementAndGet();
            return values.tryIssue(into, offset, count);
        }

        @Override
        public int issue(long[] into, int offset, BatchSize count) {
            asked.incrementAndGet();
            return values.issue(into, offset, count);
        }

        @Override
        public Readiness readiness() {
            return values.readiness();
        }

        @Override
        public GeneratorStats stats() {
            return values.stats();
        }

        @Override
        public LeaseReport leases() {
            return values.leases();
        }

        @Override
        public void close() {
            values.close();
        }
    }
}
