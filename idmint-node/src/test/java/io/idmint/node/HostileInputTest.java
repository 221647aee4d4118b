package io.idmint.node;

import static io.idmint.node.NodeProcess.init;
import static io.idmint.node.NodeProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input of every kind against one live node: each answerable request gets the right error, the
 * unanswerable ones are logged on stderr, and after each the node still answers a generate. The
 * harness checks that stdout never carries anything but protocol messages.
 */
class HostileInputTest {
    private NodeProcess node;
    private long msgId = 100;

    @BeforeEach
    void start() throws Exception {
        node = new NodeProcess();
    }

    @AfterEach
    void finish() throws Exception {
        assertThat(node.finish()).isZero();
        assertThat(node.violations()).isEmpty();
        assertThat(node.remaining()).as("replies nobody expected").isEmpty();
        node.close();
    }

    private void initialise() throws Exception {
        assertThat(node.call(init("n1", 1)).get("type").asText()).isEqualTo("init_ok");
    }

    private JsonNode error(String line, int code) throws Exception {
        JsonNode body = node.call(line);
        assertThat(body.get("type").asText()).as(body.toString()).isEqualTo("error");
        assertThat(body.get("code").asInt()).as(body.toString()).isEqualTo(code);
        assertStillServing();
        return body;
    }

    private void unanswerable(byte[] line, String logged) throws Exception {
        node.sendRaw(line);
        assertStillServing();
        node.awaitStderr(logged);
    }

    private void assertStillServing() throws Exception {
        long id = ++msgId;
        JsonNode body = node.call(request("c9", "n1", "generate", id, ""));
        if (body.get("type").asText().equals("error") && body.get("code").asInt() == 11) {
            return; // not initialised yet: still alive and answering
        }
        assertThat(body.get("type").asText()).isEqualTo("generate_ok");
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
    }

    @Test
    void beforeInitTheNodeIsTemporarilyUnavailable() throws Exception {
        JsonNode body = error(request("c1", "n1", "generate", 1, ""), 11);
        assertThat(body.get("text").asText()).isEqualTo("node is not initialised: send init first");
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(1);
    }

    @Test
    void nodeIdOutsideTheWorkerRangeIsRefusedThenAValidInitWorks() throws Exception {
        JsonNode body = error(init("n99", 1), 12);
        assertThat(body.get("text").asText())
                .isEqualTo("node_id n99 maps to worker 99, but layout 'default' allows workers 0..31: node_id=n99");
        error(init("alpha", 2), 12);
        initialise();
        assertThat(error(init("n2", 3), 12).get("text").asText()).isEqualTo("node is already initialised as n1: node_id=n2");
    }

    @Test
    void badCountsNameTheValueAndTheLimit() throws Exception {
        initialise();
        String[][] cases = {
            {"0", "count must be 1..100000: count=0"},
            {"100001", "count must be 1..100000: count=100001"},
            {"-5", "count must be 1..100000: count=-5"},
            {"\"10\"", "count must be an integer 1..100000: count=\"10\""},
            {"1.5", "count must be an integer 1..100000: count=1.5"},
            {"99999999999999999999999", "count must be an integer 1..100000: count=99999999999999999999999"},
            {"[1]", "count must be an integer 1..100000: count=[...]"},
        };
        for (String[] c : cases) {
            JsonNode body = error(request("c1", "n1", "generate_batch", ++msgId, ",\"count\":" + c[0]), 12);
            assertThat(body.get("text").asText()).isEqualTo(c[1]);
        }
        assertThat(error(request("c1", "n1", "generate_batch", ++msgId, ""), 12).get("text").asText())
                .isEqualTo("count is required: an integer 1..100000");
    }

    @Test
    void unknownTypesAndBadFieldsGetTheirCodes() throws Exception {
        initialise();
        assertThat(error(request("c1", "n1", "frobnicate", ++msgId, ""), 10).get("text").asText())
                .startsWith("unknown message type: type=frobnicate");
        error("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"msg_id\":" + ++msgId + "}}", 10);
        error(request("c1", "n1", "decompose", ++msgId, ",\"id\":-1"), 12);
        error(request("c1", "n1", "decompose", ++msgId, ",\"id\":\"abc\""), 12);
        assertThat(error(request("c1", "n1", "verify_ids", ++msgId, ",\"ids\":[1,\"x\"]"), 12).get("text").asText())
                .isEqualTo("ids must hold only 64-bit integers: ids[1]=\"x\"");
        error(request("c1", "n1", "verify_ids", ++msgId, ",\"ids\":7"), 12);
    }

    @Test
    void linesThatCannotBeAnsweredAreLoggedAndSkipped() throws Exception {
        initialise();
        unanswerable(bytes("this is not json\n"), "cannot answer a line that is not a usable message");
        unanswerable(bytes("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"gen\n"), "truncated");
        unanswerable(bytes("\n\n   \n"), "");
        unanswerable(bytes("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":[1,2]}\n"), "without src, an object body and an integer msg_id");
        unanswerable(bytes("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\"}}\n"), "integer msg_id");
        unanswerable(bytes("{\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":3}}\n"), "without src");
        unanswerable(bytes("[]\n"), "a message must be a JSON object");
        unanswerable(bytes("\"just a string\"\n"), "a message must be a JSON object");
        unanswerable(deepNesting(100_000, ""), "cannot answer");
    }

    @Test
    void malformedJsonAfterSrcAndMsgIdIsAnsweredWithCode12() throws Exception {
        initialise();
        long id = ++msgId;
        node.send("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":" + id + ",\"x\":[1,2,}}");
        JsonNode body = node.reply().get("body");
        assertThat(body.get("code").asInt()).isEqualTo(12);
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
        assertThat(body.get("text").asText()).startsWith("malformed request: ");
        assertStillServing();
    }

    @Test
    void twoValuesOnOneLineAreMalformed() throws Exception {
        initialise();
        JsonNode body = error("{\"src\":\"c1\",\"body\":{\"type\":\"generate\",\"msg_id\":5}} {\"x\":1}", 12);
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(5);
        assertThat(body.get("text").asText()).isEqualTo("malformed request: unexpected content after the message object");
    }

    @Test
    void aTrailingHalfTokenDoesNotLeakIntoTheNextLine() throws Exception {
        initialise();
        for (String tail : new String[] {" tru", " 1", " \"abc", " {", "}", " ]"}) {
            long id = ++msgId;
            JsonNode body = error("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":" + id + "}}" + tail, 12);
            assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
        }
    }

    @Test
    void containersWhereScalarsBelongAreSkippedWhole() throws Exception {
        initialise();
        long id = ++msgId;
        JsonNode body = error("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":{\"msg_id\":9},\"msg_id\":" + id + "}}", 10);
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
        // A nested msg_id must not be taken for the body's.
        unanswerable(bytes("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":{\"msg_id\":5}}}\n"),
                "integer msg_id");
    }

    @Test
    void loneSurrogatesInStringsNeitherKillTheNodeNorTearAReply() throws Exception {
        initialise();
        JsonNode reply = node.send("{\"src\":\"c\\ud800\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":5}}").reply();
        assertThat(reply.get("dest").asText()).isEqualTo("c\uFFFD");
        assertThat(reply.get("body").get("type").asText()).isEqualTo("generate_ok");
        JsonNode error = error(request("c1", "n1", "x\\udc00", ++msgId, ""), 10);
        assertThat(error.get("text").asText()).contains("x\uFFFD");
    }

    @Test
    void deepNestingInsideAnAnswerableBodyIsRefusedWithCode12() throws Exception {
        initialise();
        long id = ++msgId;
        node.sendRaw(deepNesting(5_000, "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":" + id + ",\"x\":"));
        JsonNode body = node.reply().get("body");
        assertThat(body.get("code").asInt()).isEqualTo(12);
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
        assertThat(body.get("text").asText()).contains("nesting depth");
        assertStillServing();
    }

    @Test
    void invalidUtf8IsMalformed() throws Exception {
        initialise();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long id = ++msgId;
        line.writeBytes(bytes("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":" + id + ",\"note\":\""));
        line.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        line.writeBytes(bytes("\"}}\n"));
        node.sendRaw(line.toByteArray());
        JsonNode body = node.reply().get("body");
        assertThat(body.get("code").asInt()).isEqualTo(12);
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
        // Invalid bytes in src itself: nobody to answer.
        ByteArrayOutputStream badSrc = new ByteArrayOutputStream();
        badSrc.writeBytes(bytes("{\"src\":\"c"));
        badSrc.writeBytes(new byte[] {(byte) 0xFF});
        badSrc.writeBytes(bytes("\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":7}}\n"));
        unanswerable(badSrc.toByteArray(), "cannot answer");
    }

    @Test
    void hugeLinesAreAnsweredWithoutBeingBufferedWhole() throws Exception {
        initialise();
        long id = ++msgId;
        StringBuilder big = new StringBuilder(MaelstromNode.MAX_LINE_BYTES + 1_000_000);
        big.append("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"verify_ids\",\"msg_id\":").append(id).append(",\"ids\":[");
        while (big.length() < MaelstromNode.MAX_LINE_BYTES + 100_000) {
            big.append("1234567890123,");
        }
        big.append("1]}}\n");
        node.sendRaw(bytes(big.toString()));
        JsonNode body = node.reply().get("body");
        assertThat(body.get("code").asInt()).isEqualTo(12);
        assertThat(body.get("in_reply_to").asLong()).isEqualTo(id);
        assertThat(body.get("text").asText()).startsWith("request line must be at most 16777216 bytes: length=");
        assertStillServing();

        // A large line under the limit is simply served: 200,000 IDs to verify.
        StringBuilder large = new StringBuilder();
        large.append("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"verify_ids\",\"msg_id\":").append(++msgId)
                .append(",\"ids\":[");
        for (int i = 0; i < 200_000; i++) {
            large.append(i == 0 ? "" : ",").append(i);
        }
        large.append("]}}");
        JsonNode verified = node.call(large.toString());
        assertThat(verified.get("count").asInt()).isEqualTo(200_000);
        assertThat(verified.get("unique").asBoolean()).isTrue();
    }

    @Test
    void extraTopLevelIdAndUnknownFieldsAreIgnored() throws Exception {
        initialise();
        JsonNode body = node.call("{\"id\":42,\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":7,"
                + "\"extra\":{\"a\":[1,{\"b\":null}]}},\"trailer\":true}");
        assertThat(body.get("type").asText()).isEqualTo("generate_ok");
        assertThat(NodeProtocolTest.fieldNames(body)).containsExactly("type", "in_reply_to", "msg_id", "id");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deepNesting(int depth, String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        sb.append("[".repeat(depth)).append("]".repeat(depth));
        if (!prefix.isEmpty()) {
            sb.append("}}");
        }
        return bytes(sb.append('\n').toString());
    }
}
