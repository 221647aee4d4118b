package io.idmint.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.GenerateRequest;
import io.idmint.grpc.v1.InspectRequest;
import io.idmint.grpc.v1.InspectResponse;
import io.idmint.grpc.v1.StreamBatchesRequest;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every unary RPC and every error mapping, against one node over a real socket. */
class GrpcIdServiceTest {
    private static TestNode node;

    @BeforeAll
    static void startNode() {
        node = TestNode.start(7);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @AfterEach
    void restore() {
        node.service.issuer().resumeIssuing();
        node.generator.fail(null);
    }

    @Test
    void generateReturnsIdsOfThisWorkerThatIncrease() {
        long first = node.blocking().generate(GenerateRequest.getDefaultInstance()).getId();
        long second = node.blocking().generate(GenerateRequest.getDefaultInstance()).getId();

        assertThat(second).isGreaterThan(first);
        assertThat(BitLayout.DEFAULT.decode(first).worker()).isEqualTo(7);
        assertThat(node.okCalls("Generate")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void generateBatchReturnsCountStrictlyIncreasingIdsAndTheirMaxSequence() {
        GenerateBatchResponse r = node.blocking().generateBatch(GenerateBatchRequest.newBuilder().setCount(5_000).build());

        List<Long> ids = r.getIdsList();
        assertThat(ids).hasSize(5_000).isSorted().doesNotHaveDuplicates();
        int maxSeq = ids.stream().mapToInt(id -> BitLayout.DEFAULT.decode(id).sequence()).max().orElseThrow();
        assertThat(r.getMaxSequence()).isEqualTo(maxSeq);
    }

    @Test
    void generateBatchAcceptsTheLimits() {
        assertThat(node.blocking().generateBatch(batch(1)).getIdsCount()).isEqualTo(1);
        assertThat(node.blocking().generateBatch(batch(100_000)).getIdsCount()).isEqualTo(100_000);
    }

    @Test
    void generateBatchRejectsCountsOutsideTheLimitNamingValueAndLimit() {
        assertStatus(() -> node.blocking().generateBatch(batch(0)), Status.Code.INVALID_ARGUMENT,
                "count must be 1..100000: count=0");
        assertStatus(() -> node.blocking().generateBatch(batch(100_001)), Status.Code.INVALID_ARGUMENT,
                "count must be 1..100000: count=100001");
        assertStatus(() -> node.blocking().generateBatch(batch(-3)), Status.Code.INVALID_ARGUMENT, "count=-3");
        assertThat(node.calls("GenerateBatch", "invalid_request")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void inspectSplitsAnIdIntoItsParts() {
        long id = node.blocking().generate(GenerateRequest.getDefaultInstance()).getId();
        DecodedId expected = BitLayout.DEFAULT.decode(id);

        InspectResponse r = node.blocking().inspect(InspectRequest.newBuilder().setId(id).build());

        assertThat(r.getId()).isEqualTo(id);
        assertThat(r.getTimestampMs()).isEqualTo(expected.timestamp().toEpochMilli());
        assertThat(r.getTimestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(r.getTimestamp())).isEqualTo(expected.timestamp());
        assertThat(r.getDatacenter()).isEqualTo(expected.datacenter());
        assertThat(r.getWorker()).isEqualTo(7);
        assertThat(r.getSequence()).isEqualTo(expected.sequence());
        assertThat(r.getLayout()).isEqualTo("default");
    }

    @Test
    void inspectKeepsMillisecondsWhenTheyAreZero() {
        long id = BitLayout.DEFAULT.compose(1_704_067_200_000L + 86_400_000L, 0, 7, 3); // 2024-01-02T00:00:00.000Z

        InspectResponse r = node.blocking().inspect(InspectRequest.newBuilder().setId(id).build());

        assertThat(r.getTimestamp()).isEqualTo("2024-01-02T00:00:00.000Z");
        assertThat(r.getSequence()).isEqualTo(3);
    }

    @Test
    void inspectRejectsANegativeIdNamingValueAndLimit() {
        assertStatus(() -> node.blocking().inspect(InspectRequest.newBuilder().setId(-1).build()),
                Status.Code.INVALID_ARGUMENT, "id must be 0..");
        assertStatus(() -> node.blocking().inspect(InspectRequest.newBuilder().setId(-1).build()),
                Status.Code.INVALID_ARGUMENT, "id=" + Long.toUnsignedString(-1));
    }

    @Test
    void everyIssuingRpcIsUnavailableAfterStopIssuing() {
        node.service.stopIssuing("draining for test");

        assertStatus(() -> node.blocking().generate(GenerateRequest.getDefaultInstance()), Status.Code.UNAVAILABLE,
                "draining for test");
        assertStatus(() -> node.blocking().generateBatch(batch(10)), Status.Code.UNAVAILABLE, "draining for test");
        assertStatus(() -> node.blocking().streamBatches(stream(10, 3)).next(), Status.Code.UNAVAILABLE,
                "draining for test");
        assertThat(node.calls("StreamBatches", "retry_later")).isGreaterThanOrEqualTo(1);

        node.service.issuer().resumeIssuing();
        assertThat(node.blocking().generate(GenerateRequest.getDefaultInstance()).getId()).isPositive();
    }

    @Test
    void aNamedGeneratorIsSelectedOnEveryRpcAndAnUnknownNameListsTheKnownOnes() {
        long id = node.blocking().generate(GenerateRequest.newBuilder().setGenerator("orders").build()).getId();
        assertThat(TestNode.ORDERS_LAYOUT.decode(id).worker()).isEqualTo(8);
        GenerateBatchResponse batch = node.blocking().generateBatch(batch(3).toBuilder().setGenerator("orders").build());
        assertThat(TestNode.ORDERS_LAYOUT.decode(batch.getIds(2)).worker()).isEqualTo(8);
        GenerateBatchResponse streamed = node.blocking().streamBatches(stream(5, 1).toBuilder().setGenerator("orders").build()).next();
        assertThat(TestNode.ORDERS_LAYOUT.decode(streamed.getIds(4)).worker()).isEqualTo(8);
        InspectResponse parts = node.blocking().inspect(InspectRequest.newBuilder().setId(id).setGenerator("orders").build());
        assertThat(parts.getLayout()).isEqualTo("twitter");
        assertThat(parts.getGenerator()).isEqualTo("orders");
        assertThat(parts.getBase32()).isEqualTo(IdFormat.BASE32.format(id));
        assertThat(parts.getHex()).isEqualTo(IdFormat.HEX.format(id));
        String unknown = "unknown generator: generator=events (this process serves default, orders)";
        assertStatus(() -> node.blocking().generate(GenerateRequest.newBuilder().setGenerator("events").build()),
                Status.Code.INVALID_ARGUMENT, unknown);
        assertStatus(() -> node.blocking().generateBatch(batch(3).toBuilder().setGenerator("events").build()),
                Status.Code.INVALID_ARGUMENT, unknown);
        assertStatus(() -> node.blocking().streamBatches(stream(3, 1).toBuilder().setGenerator("events").build()).next(),
                Status.Code.INVALID_ARGUMENT, unknown);
        assertStatus(() -> node.blocking().inspect(InspectRequest.newBuilder().setId(id).setGenerator("events").build()),
                Status.Code.INVALID_ARGUMENT, unknown);
    }

    @Test
    void streamBatchesRejectsBadArgumentsNamingValueAndLimit() {
        assertStatus(() -> node.blocking().streamBatches(stream(0, 1)).next(), Status.Code.INVALID_ARGUMENT,
                "batch_size must be 1..100000: batch_size=0");
        assertStatus(() -> node.blocking().streamBatches(stream(100_001, 1)).next(), Status.Code.INVALID_ARGUMENT,
                "batch_size=100001");
        assertStatus(() -> node.blocking().streamBatches(stream(10, -1)).next(), Status.Code.INVALID_ARGUMENT,
                "max_batches must be >= 0");
    }

    @Test
    void streamBatchesSendsExactlyMaxBatchesThenCompletes() {
        Iterator<GenerateBatchResponse> it = node.blocking().streamBatches(stream(100, 4));
        int batches = 0;
        while (it.hasNext()) {
            assertThat(it.next().getIdsCount()).isEqualTo(100);
            batches++;
        }
        assertThat(batches).isEqualTo(4);
    }

    static GenerateBatchRequest batch(int count) {
        return GenerateBatchRequest.newBuilder().setCount(count).build();
    }

    static StreamBatchesRequest stream(int batchSize, long maxBatches) {
        return StreamBatchesRequest.newBuilder().setBatchSize(batchSize).setMaxBatches(maxBatches).build();
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code, String descriptionPart) {
        StatusRuntimeException e = statusOf(call);
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).contains(descriptionPart);
    }

    private static StatusRuntimeException statusOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) t;
    }
}
