package io.idmint.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.issuing.IdIssuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A node run in this JVM over the given lines, for tests that control its generators. */
final class InProcessNode {
    private InProcessNode() {}

    /** Feeds {@code lines} to a node built on {@code issuers} until they end; returns the reply bodies in order. */
    static List<JsonNode> run(Function<MaelstromNode.NodeIdentity, IdIssuer> issuers, String... lines)
            throws IOException {
        MaelstromNode node = new MaelstromNode(issuers);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        node.run(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), out);
        List<JsonNode> replies = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            replies.add(NodeProcess.JSON.readTree(line).get("body"));
        }
        return replies;
    }
}
