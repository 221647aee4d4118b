package io.idmint.node;

import static io.idmint.node.NodeProcess.init;
import static io.idmint.node.NodeProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.BitLayout;
import io.idmint.core.ClockMovedBackwardsException;
import io.idmint.core.FailureKind;
import io.idmint.core.IdGenerator;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.LayoutExpiredException;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.testkit.ControlledGenerator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The node's one table from failure kinds to Maelstrom codes, tested in one place, and the optional
 * {@code generator} field that selects a named generator. In-process, so a generator can be made to fail.
 */
class NodeFailureTableTest {
    static final BitLayout TWITTER = BitLayout.preset("twitter");
    private final ControlledGenerator controlled = new ControlledGenerator(1);

    private List<JsonNode> run(String... lines) throws Exception {
        return InProcessNode.run(id -> IdIssuer.of(List.of(
                NamedGenerator.snowflake("default", controlled, LeaseReport.NONE),
                NamedGenerator.snowflake("orders", IdGenerator.builder(TWITTER).worker(id.number()).build(), LeaseReport.NONE))),
                lines);
    }

    @Test
    void theTableIsExactlyThis() {
        assertThat(ErrorCode.TABLE).containsExactlyInAnyOrderEntriesOf(Map.of(
                FailureKind.INVALID_REQUEST, ErrorCode.MALFORMED_REQUEST,
                FailureKind.RETRY_LATER, ErrorCode.TEMPORARILY_UNAVAILABLE,
                FailureKind.PERMANENT, ErrorCode.ABORT,
                FailureKind.INTERNAL, ErrorCode.CRASH));
        assertThat(ErrorCode.ABORT.code).isEqualTo(14);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new InvalidRequestException("count must be 1..100000: count=0"), 12),
                Arguments.of(new ClockMovedBackwardsException("clock moved backwards: 900 ms behind", 900), 11),
                Arguments.of(new LayoutExpiredException("layout 'default' is full"), 14),
                Arguments.of(new IllegalStateException("secret internal detail"), 13));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachKindIsAnsweredWithItsCodeAndTheNodeKeepsServing(RuntimeException failure, int code) throws Exception {
        controlled.fail(failure);
        List<JsonNode> replies = run(init("n2", 1), request("c1", "n2", "generate", 2, ""),
                request("c1", "n2", "generate_batch", 3, ",\"count\":10"),
                request("c1", "n2", "generate", 4, ",\"generator\":\"orders\""));
        for (JsonNode error : replies.subList(1, 3)) {
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asInt()).isEqualTo(code);
            if (code == 13) {
                assertThat(error.get("text").asText()).contains("incident").doesNotContain("secret");
            } else {
                assertThat(error.get("text").asText()).isEqualTo(failure.getMessage());
            }
        }
        assertThat(replies.get(3).get("type").asText()).as("the other generator still serves").isEqualTo("generate_ok");
    }

    @Test
    void theGeneratorFieldSelectsANamedGeneratorOnEveryRequestAndAnUnknownOneIsMalformed() throws Exception {
        List<JsonNode> replies = run(init("n2", 1),
                request("c1", "n2", "generate", 2, ",\"generator\":\"orders\""),
                request("c1", "n2", "generate_batch", 3, ",\"count\":3,\"generator\":\"orders\""),
                request("c1", "n2", "generate", 4, ",\"generator\":\"events\""),
                request("c1", "n2", "generate", 5, ",\"generator\":7"));
        long id = replies.get(1).get("id").asLong();
        assertThat(TWITTER.decode(id).worker()).isEqualTo(2);
        assertThat(TWITTER.decode(replies.get(2).get("ids").get(2).asLong()).worker()).isEqualTo(2);
        assertThat(replies.get(3).get("code").asInt()).isEqualTo(12);
        assertThat(replies.get(3).get("text").asText())
                .isEqualTo("unknown generator: generator=events (this process serves default, orders)");
        assertThat(replies.get(4).get("text").asText()).startsWith("unknown generator: generator=7");
        List<JsonNode> decoded = run(init("n2", 1), request("c1", "n2", "decompose", 2, ",\"id\":" + id + ",\"generator\":\"orders\""));
        assertThat(decoded.get(1).get("layout").asText()).isEqualTo("twitter");
        assertThat(decoded.get(1).get("worker").asInt()).isEqualTo(2);
    }
}
