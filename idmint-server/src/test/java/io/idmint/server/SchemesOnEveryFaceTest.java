package io.idmint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.idmint.config.HttpSettings;
import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.Id128;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.GenerateRequest;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.InspectRequest;
import io.idmint.grpc.v1.InspectResponse;
import io.idmint.server.grpc.GrpcServer;
import io.idmint.server.http.HttpServerHandle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** UUIDv7, the 128-bit layout and the HLC served next to Snowflake, over real HTTP and gRPC sockets. */
class SchemesOnEveryFaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BitLayout HLC = BitLayout.preset("hlc");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ManualTimeSource HLC_CLOCK = new ManualTimeSource(System.currentTimeMillis());
    private static IdService service;
    private static HttpServerHandle http;
    private static GrpcServer grpc;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        NamedGenerator hlc = NamedGenerator.hlc("events", IdGenerator.builder(HLC).timeSource(HLC_CLOCK).worker(2)
                .rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(10)))
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofSeconds(10))).build(), LeaseReport.NONE);
        service = new IdService(TestIssuers.of(
                TestIssuers.named("default", IdGenerator.builder(BitLayout.DEFAULT).worker(1).build()),
                NamedGenerator.uuidV7("uuids", UuidV7Generator.builder().node(99).build()),
                NamedGenerator.wide128("wide", Wide128Generator.builder().node(123_456).build()), hlc));
        http = HttpServerHandle.start(service, HttpSettings.DEFAULT.withPort(0));
        grpc = GrpcServer.start(service, "127.0.0.1", 0);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        grpc.shutdown(Duration.ofSeconds(5));
        http.shutdown(Duration.ofSeconds(5));
        service.close();
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static IdServiceGrpc.IdServiceBlockingStub stub() {
        return IdServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void uuid7OverHttpIsUuidTextInEveryBatchAndDecodes() throws Exception {
        JsonNode batch = get("/api/v1/ids?generator=uuids&count=500", 200);
        List<String> ids = new ArrayList<>();
        batch.get("ids").forEach(n -> ids.add(n.asText()));
        assertThat(ids).hasSize(500).isSorted().doesNotHaveDuplicates()
                .allMatch(s -> s.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        JsonNode decoded = get("/api/v1/ids/" + ids.get(0) + "?generator=uuids", 200);
        assertThat(decoded.get("node").asLong()).isEqualTo(99);
        assertThat(decoded.get("scheme").asText()).isEqualTo("uuid7");
        assertThat(get("/api/v1/ids?generator=uuids&format=base32", 200).get("id").asText()).hasSize(26);
        JsonNode refused = get("/api/v1/ids?generator=uuids&format=number", 400);
        assertThat(refused.get("detail").asText()).isEqualTo("format number needs 64-bit IDs; generator uuids (scheme uuid7)"
                + " issues 128-bit ones: format=number");
        JsonNode info = get("/api/v1/info?generator=uuids", 200);
        assertThat(info.get("id_bits").asInt()).isEqualTo(128);
        assertThat(info.has("layout")).isFalse();
    }

    @Test
    void wide128OverGrpcComesAsTextsAndInspectsFromText() {
        GenerateBatchResponse r = stub().generateBatch(GenerateBatchRequest.newBuilder().setGenerator("wide").setCount(1000).build());
        assertThat(r.getIdsCount()).isZero();
        assertThat(r.getTextsList()).hasSize(1000).isSorted().doesNotHaveDuplicates().allMatch(t -> t.length() == 26);
        String one = stub().generate(GenerateRequest.newBuilder().setGenerator("wide").build()).getText();
        assertThat(Id128.parse(one)).isGreaterThan(Id128.parse(r.getTexts(999)));
        InspectResponse inspected = stub().inspect(InspectRequest.newBuilder().setGenerator("wide").setText(one).build());
        assertThat(inspected.getScheme()).isEqualTo("wide128");
        assertThat(inspected.getFieldsMap()).containsEntry("node", "123456").containsKey("timestamp_ns");
        assertThat(inspected.getText()).isEqualTo(one);
    }

    @Test
    void anHlcReplyToAnIdFromAFastClockSortsAfterItOnBothFaces() throws Exception {
        long ahead = HLC.compose(HLC_CLOCK.peek() + 2_000, 0, 9, 5);
        long viaHttp = Long.parseLong(get("/api/v1/ids?generator=events&after=" + ahead, 200).get("id").asText());
        assertThat(viaHttp).isGreaterThan(ahead);
        assertThat(HLC.decode(viaHttp).worker()).isEqualTo(2);
        long later = HLC.compose(HLC_CLOCK.peek() + 3_000, 0, 9, 0);
        long viaGrpc = stub().generate(GenerateRequest.newBuilder().setGenerator("events").setAfter(Long.toString(later)).build())
                .getId();
        assertThat(viaGrpc).isGreaterThan(later);
    }

    @Test
    void afterIsRefusedWhereTheSchemeDoesNotMergeAndWhenTooFarAhead() throws Exception {
        JsonNode refused = get("/api/v1/ids?after=12345", 400);
        assertThat(refused.get("detail").asText()).isEqualTo("generator default (scheme snowflake) does not order its IDs"
                + " after another's; only hlc generators do: after=12345");
        long farAhead = HLC.compose(HLC_CLOCK.peek() + 60_000, 0, 9, 0);
        assertThat(get("/api/v1/ids?generator=events&after=" + farAhead, 400).get("detail").asText())
                .contains("ms ahead of this node's clock").contains("more than the 10000 ms");
        StatusRuntimeException e = (StatusRuntimeException) catchThrowable(() -> stub().generate(
                GenerateRequest.newBuilder().setGenerator("uuids").setAfter("not-an-id").build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void generatorsAreListedWithTheirSchemes() throws Exception {
        JsonNode list = get("/api/v1/generators", 200);
        List<String> schemes = new ArrayList<>();
        list.get("generators").forEach(g -> schemes.add(g.get("name").asText() + ":" + g.get("scheme").asText()));
        assertThat(schemes).containsExactly("default:snowflake", "uuids:uuid7", "wide:wide128", "events:hlc");
        assertThat(get("/api/v1/generators/wide", 200).get("scheme").asText()).isEqualTo("wide128");
        assertThat(get("/api/v1/generators/nope", 400).get("detail").asText()).startsWith("unknown generator: generator=nope");
    }

    @Test
    void metricsCarryOnlyWhatEachSchemeHas() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("idmint_generator_ready{generator=\"uuids\"}")
                .contains("idmint_worker_id{datacenter=\"0\",generator=\"events\"}")
                .doesNotContain("idmint_sequence_utilisation_ratio{generator=\"uuids\"}");
    }
}
