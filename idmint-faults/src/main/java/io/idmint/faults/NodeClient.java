package io.idmint.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** A Maelstrom-style client of one node: {@code generate} or {@code generate_batch} requests, one at a time. */
final class NodeClient extends Client {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeMember node;
    private final int batchCount;

    /** {@code batchCount} 0 sends {@code generate}; otherwise {@code generate_batch} with that count. */
    NodeClient(String name, NodeMember node, double requestsPerSecond, int batchCount) {
        super(name, node.slot, requestsPerSecond);
        this.node = node;
        this.batchCount = batchCount;
    }

    @Override
    void request(long startNanos) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", batchCount == 0 ? "generate" : "generate_batch");
        if (batchCount > 0) {
            body.put("count", batchCount);
        }
        JsonNode reply = node.call(recording, name, body, TIMEOUT_MILLIS);
        long end = System.nanoTime();
        if ("error".equals(reply.path("type").asText())) {
            throw new IOException("error " + reply.path("code").asInt() + ": " + reply.path("text").asText());
        }
        recording.ids(member, startNanos, end, Replies.ids(reply));
    }
}
