package io.idmint.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.IdGenerator;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 128-bit IDs and HLC merges over the node protocol, and the counter style of the seed transcript. */
class SchemesAndStylesTest {
    private static final BitLayout HLC = BitLayout.preset("hlc");
    private static final String INIT = "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}";

    private static Function<MaelstromNode.NodeIdentity, IdIssuer> issuers() {
        return id -> IdIssuer.of(List.of(
                NamedGenerator.snowflake("default", IdGenerator.builder(BitLayout.DEFAULT).worker(id.number()).build(), LeaseReport.NONE),
                NamedGenerator.uuidV7("uuids", UuidV7Generator.builder().node(id.number()).build()),
                NamedGenerator.hlc("events", IdGenerator.builder(HLC).worker(id.number())
                        .rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(5)))
                        .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofSeconds(5))).build(), LeaseReport.NONE)));
    }

    private static String request(int msgId, String body) {
        return "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"msg_id\":" + msgId + "," + body + "}}";
    }

    @Test
    void uuid7IdsAreStringsThatDecompose() throws Exception {
        List<JsonNode> r = InProcessNode.run(issuers(), INIT,
                request(2, "\"type\":\"generate\",\"generator\":\"uuids\""),
                request(3, "\"type\":\"generate_batch\",\"generator\":\"uuids\",\"count\":50"));
        String one = r.get(1).get("id").asText();
        assertThat(r.get(1).get("id").isTextual()).isTrue();
        assertThat(one).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        List<String> batch = new ArrayList<>();
        r.get(2).get("ids").forEach(n -> batch.add(n.asText()));
        assertThat(batch).hasSize(50).isSorted().doesNotHaveDuplicates();
        assertThat(batch.get(0)).isGreaterThan(one);
        List<JsonNode> d = InProcessNode.run(issuers(), INIT,
                request(2, "\"type\":\"decompose\",\"generator\":\"uuids\",\"id\":\"" + one + "\""));
        assertThat(d.get(1).get("type").asText()).as(d.get(1).toString()).isEqualTo("decompose_ok");
        assertThat(d.get(1).get("node").asLong()).isEqualTo(1);
        assertThat(d.get(1).has("machine_id")).isFalse();
    }

    @Test
    void anHlcGenerateAfterAFutureIdSortsAfterIt() throws Exception {
        long ahead = HLC.compose(System.currentTimeMillis() + 1_500, 0, 30, 7);
        List<JsonNode> r = InProcessNode.run(issuers(), INIT,
                request(2, "\"type\":\"generate\",\"generator\":\"events\",\"after\":" + ahead),
                request(3, "\"type\":\"generate\",\"after\":" + ahead));
        assertThat(r.get(1).get("id").asLong()).isGreaterThan(ahead);
        assertThat(r.get(2).get("type").asText()).isEqualTo("error");
        assertThat(r.get(2).get("code").asInt()).isEqualTo(12);
        assertThat(r.get(2).get("text").asText()).contains("scheme snowflake) does not order its IDs after another's");
    }

    /** Seed 000's sample test, byte for byte. */
    @Test
    void theCounterStyleAnswersTheSeedTranscriptExactly() throws Exception {
        String out = runCounterStyle(null, INIT, "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":2}}");
        assertThat(out).isEqualTo("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1,\"msg_id\":0}}\n"
                + "{\"src\":\"n1\",\"dest\":\"c1\",\"body\":{\"type\":\"generate_ok\",\"in_reply_to\":2,\"msg_id\":1,\"id\":\"n1-0\"}}\n");
    }

    @Test
    void persistedCountersContinueAfterARestartWithoutReissuing(@TempDir Path state) throws Exception {
        String first = runCounterStyle(state, INIT, request(2, "\"type\":\"generate_batch\",\"count\":3"));
        assertThat(first).contains("\"ids\":[\"n1-0\",\"n1-1\",\"n1-2\"]");
        String second = runCounterStyle(state, INIT, request(2, "\"type\":\"generate\""),
                request(3, "\"type\":\"decompose\",\"id\":\"n1-3\""));
        assertThat(second).contains("\"id\":\"n1-3\"").contains("\"code\":10");
    }

    private static String runCounterStyle(Path state, String... lines) throws Exception {
        MaelstromNode node = new MaelstromNode(issuers(),
                id -> state == null ? CounterIds.inMemory(id.nodeId()) : CounterIds.persistent(id.nodeId(), state));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        node.run(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
