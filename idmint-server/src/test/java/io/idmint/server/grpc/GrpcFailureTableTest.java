package io.idmint.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.idmint.core.ClockMovedBackwardsException;
import io.idmint.core.FailureKind;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.LayoutExpiredException;
import io.idmint.grpc.v1.GenerateRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gRPC face's one table from failure kinds to status codes, tested in one place on all three issuing RPCs. */
class GrpcFailureTableTest {
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(5);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void heal() {
        node.generator.fail(null);
    }

    @Test
    void theTableIsExactlyThis() {
        assertThat(GrpcErrors.TABLE).containsExactlyInAnyOrderEntriesOf(Map.of(
                FailureKind.INVALID_REQUEST, Status.Code.INVALID_ARGUMENT,
                FailureKind.RETRY_LATER, Status.Code.UNAVAILABLE,
                FailureKind.PERMANENT, Status.Code.FAILED_PRECONDITION,
                FailureKind.INTERNAL, Status.Code.INTERNAL));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new InvalidRequestException("count must be 1..100000: count=0"), Status.Code.INVALID_ARGUMENT, "invalid_request"),
                Arguments.of(new ClockMovedBackwardsException("clock moved backwards: 900 ms behind", 900), Status.Code.UNAVAILABLE, "retry_later"),
                Arguments.of(new LayoutExpiredException("layout 'default' is full"), Status.Code.FAILED_PRECONDITION, "permanent"),
                Arguments.of(new IllegalStateException("secret internal detail"), Status.Code.INTERNAL, "internal"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachKindIsAnsweredByItsStatusOnEveryIssuingRpc(RuntimeException failure, Status.Code code, String outcome) {
        node.generator.fail(failure);
        for (Runnable call : new Runnable[] {
                () -> node.blocking().generate(GenerateRequest.getDefaultInstance()),
                () -> node.blocking().generateBatch(GrpcIdServiceTest.batch(10)),
                () -> node.blocking().streamBatches(GrpcIdServiceTest.stream(10, 1)).next()}) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            if (code == Status.Code.INTERNAL) {
                assertThat(e.getStatus().getDescription()).contains("incident").doesNotContain("secret")
                        .doesNotContain("IllegalState");
            } else {
                assertThat(e.getStatus().getDescription()).isEqualTo(failure.getMessage());
            }
        }
        assertThat(node.calls("Generate", outcome)).isPositive();
        node.generator.fail(null);
        assertThat(node.blocking().generate(GenerateRequest.getDefaultInstance()).getId()).as("still serving").isPositive();
    }
}
