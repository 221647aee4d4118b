package io.idmint.node;

import static io.idmint.node.NodeProcess.init;
import static io.idmint.node.NodeProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol, spoken to a real node process over its stdin and stdout. */
class NodeProtocolTest {
    private final List<NodeProcess> nodes = new ArrayList<>();

    private NodeProcess start(String... args) throws Exception {
        NodeProcess node = new NodeProcess(args);
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stdoutCarriedOnlyProtocolMessages() throws Exception {
        for (NodeProcess node : nodes) {
            if (node.alive()) {
                assertThat(node.finish()).as("exit code after EOF").isZero();
            }
            assertThat(node.violations()).isEmpty();
            node.close();
        }
    }

    @Test
    void seed000TranscriptGenerateSingleId() throws Exception {
        NodeProcess node = start();
        node.send("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
        node.send("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":2}}");
        assertThat(node.reply().toString())
                .isEqualTo("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1,\"msg_id\":0}}");
        JsonNode generateOk = node.reply();
        long id = generateOk.get("body").get("id").asLong();
        assertThat(generateOk.toString()).isEqualTo(
                "{\"src\":\"n1\",\"dest\":\"c1\",\"body\":{\"type\":\"generate_ok\",\"in_reply_to\":2,\"msg_id\":1,\"id\":" + id + "}}");
        assertThat(generateOk.get("body").get("id").isIntegralNumber()).isTrue();
        assertThat(BitLayout.DEFAULT.decode(id).worker()).isEqualTo(1);
    }

    @Test
    void seed003TranscriptsSingleAndBatchOfFive() throws Exception {
        NodeProcess single = start();
        single.send("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
        single.send("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":2}}");
        assertThat(single.reply().toString())
                .isEqualTo("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1,\"msg_id\":0}}");
        assertThat(single.reply().get("body").get("type").asText()).isEqualTo("generate_ok");

        NodeProcess batch = start();
        batch.send("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
        batch.send("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate_batch\",\"msg_id\":2,\"count\":5}}");
        assertThat(batch.reply().toString())
                .isEqualTo("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1,\"msg_id\":0}}");
        JsonNode body = batch.reply().get("body");
        assertThat(fieldNames(body)).containsExactly("type", "in_reply_to", "msg_id", "ids", "max_sequence");
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(2);
        assertThat(body.get("msg_id").asLong()).isEqualTo(1);
        long[] ids = longs(body.get("ids"));
        assertThat(ids).hasSize(5);
        assertStrictlyIncreasing(ids);
        // The first batch of a fresh generator starts a tick at sequence 0: five IDs reach sequence 4.
        assertThat(body.get("max_sequence").asInt()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 4096, 4097, 20_000})
    void batchesAreUniqueIncreasingAndReportTheirMaxSequence(int count) throws Exception {
        NodeProcess node = start();
        node.call(init("n2", 1));
        JsonNode body = node.call(request("c1", "n2", "generate_batch", 2, ",\"count\":" + count));
        assertThat(body.get("type").asText()).isEqualTo("generate_batch_ok");
        long[] ids = longs(body.get("ids"));
        assertThat(ids).hasSize(count);
        assertStrictlyIncreasing(ids);
        int maxSequence = 0;
        for (long id : ids) {
            DecodedId d = BitLayout.DEFAULT.decode(id);
            assertThat(d.worker()).isEqualTo(2);
            maxSequence = Math.max(maxSequence, d.sequence());
        }
        assertThat(body.get("max_sequence").asInt()).isEqualTo(maxSequence).isEqualTo(Math.min(count, 4096) - 1);
    }

    @Test
    void tenIdsInOneTickHaveMaxSequenceNine() throws Exception {
        NodeProcess node = start();
        node.call(init("n1", 1));
        assertThat(node.call(request("c1", "n1", "generate_batch", 2, ",\"count\":10")).get("max_sequence").asInt()).isEqualTo(9);
    }

    @Test
    void decomposeAndVerifyIds() throws Exception {
        NodeProcess node = start("default", "3");
        node.call(init("n7", 1));
        long id = node.call(request("c1", "n7", "generate", 2, "")).get("id").asLong();
        JsonNode parts = node.call(request("c1", "n7", "decompose", 3, ",\"id\":" + id));
        DecodedId d = BitLayout.DEFAULT.decode(id);
        // The decoded ID as every face renders it (DecodedId.fields), plus the protocol's machine_id.
        assertThat(fieldNames(parts)).containsExactly("type", "in_reply_to", "msg_id", "id", "timestamp", "timestamp_ms",
                "datacenter", "worker", "sequence", "layout", "base32", "hex", "machine_id");
        assertThat(parts.get("id").asLong()).isEqualTo(id);
        assertThat(parts.get("timestamp").asText()).isEqualTo(d.isoTimestamp());
        assertThat(parts.get("base32").asText()).isEqualTo(IdFormat.BASE32.format(id));
        assertThat(parts.get("timestamp_ms").asLong()).isEqualTo(d.timestamp().toEpochMilli());
        assertThat(parts.get("datacenter").asInt()).isEqualTo(3);
        assertThat(parts.get("worker").asInt()).isEqualTo(7);
        assertThat(parts.get("machine_id").asInt()).isEqualTo(3 << 5 | 7);
        assertThat(parts.get("sequence").asInt()).isEqualTo(d.sequence());

        JsonNode verified = node.call(request("c1", "n7", "verify_ids", 4, ",\"ids\":[5,1,5,9,9,9]"));
        assertThat(verified.get("count").asInt()).isEqualTo(6);
        assertThat(verified.get("unique").asBoolean()).isFalse();
        assertThat(verified.get("is_sorted").asBoolean()).isFalse();
        assertThat(longs(verified.get("duplicates"))).containsExactly(5, 9);
        // Collisions: every occurrence after an ID's first (5 once more, 9 twice more), counted over the node's life.
        assertThat(verified.get("collisions").asLong()).isEqualTo(3);
        assertThat(verified.get("collisions_detected_total").asLong()).isEqualTo(3);
        node.awaitStderr("verify_ids from c1 found 3 ID(s) issued more than once (3 over this node's life); duplicated: [5, 9]");
        JsonNode clean = node.call(request("c1", "n7", "verify_ids", 5, ",\"ids\":[1,2,3]"));
        assertThat(clean.get("unique").asBoolean()).isTrue();
        assertThat(clean.get("is_sorted").asBoolean()).isTrue();
        assertThat(clean.get("collisions").asLong()).isZero();
        assertThat(clean.get("collisions_detected_total").asLong()).as("the node's count stays").isEqualTo(3);
    }

    @Test
    void threeNodesWithInterleavedClientsIssueOnlyUniqueIdsAndAnswerEachClientInOrder() throws Exception {
        int clients = 5;
        int perClient = 400;
        List<NodeProcess> cluster = List.of(start(), start(), start());
        for (int n = 0; n < 3; n++) {
            cluster.get(n).call(init("n" + (n + 1), 1));
        }
        // Every client sends to every node without waiting; requests of all clients interleave.
        for (int n = 0; n < 3; n++) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < perClient; i++) {
                for (int c = 1; c <= clients; c++) {
                    String type = i % 50 == 0 ? "generate_batch" : "generate";
                    burst.append(request("c" + c, "n" + (n + 1), type, 2 + i, type.equals("generate") ? "" : ",\"count\":100"))
                            .append('\n');
                }
            }
            cluster.get(n).sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Set<Long> all = new java.util.HashSet<>();
        long expected = 0;
        for (int n = 0; n < 3; n++) {
            long[] lastInReplyTo = new long[clients + 1];
            for (int k = 0; k < perClient * clients; k++) {
                JsonNode reply = cluster.get(n).reply();
                int client = Integer.parseInt(reply.get("dest").asText().substring(1));
                JsonNode body = reply.get("body");
                assertThat(body.get("in_reply_to").asLong()).isGreaterThan(lastInReplyTo[client]);
                lastInReplyTo[client] = body.get("in_reply_to").asLong();
                if (body.has("ids")) {
                    for (long id : longs(body.get("ids"))) {
                        assertThat(all.add(id)).as("duplicate %d", id).isTrue();
                        expected++;
                    }
                } else {
                    assertThat(all.add(body.get("id").asLong())).as("duplicate").isTrue();
                    expected++;
                }
            }
        }
        assertThat(all).hasSize((int) expected);
        assertThat(expected).isEqualTo(3L * clients * (perClient - perClient / 50) + 3L * clients * (perClient / 50) * 100);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            assertThat(array.get(i).isIntegralNumber()).isTrue();
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static void assertStrictlyIncreasing(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            assertThat(ids[i]).isGreaterThan(ids[i - 1]);
        }
        assertThat(new TreeSet<>(java.util.Arrays.stream(ids).boxed().toList())).hasSize(ids.length);
    }
}
