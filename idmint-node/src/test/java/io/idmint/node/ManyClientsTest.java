package io.idmint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser reuses the Strings of values that repeat (src, dest, type): with many more clients than its
 * cache has slots, and names that differ in one character, every reply must still go to its sender.
 */
class ManyClientsTest {
    @Test
    void everyReplyGoesToItsOwnSenderWhateverTheCacheHolds() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
        int requests = 5_000;
        for (int i = 0; i < requests; i++) {
            String client = "client-" + (i * 7919 % 500) + (i % 2 == 0 ? "a" : "b");
            lines.add("{\"src\":\"" + client + "\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":" + (i + 2) + "}}");
        }
        MaelstromNode node = new MaelstromNode(TestNodeMain.issuers(BitLayout.DEFAULT,
                w -> IdGenerator.builder(BitLayout.DEFAULT).worker(w).build()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        node.run(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), out);
        String[] replies = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(replies).hasSize(requests + 1);
        for (int i = 0; i < requests; i++) {
            String client = "client-" + (i * 7919 % 500) + (i % 2 == 0 ? "a" : "b");
            assertThat(replies[i + 1]).startsWith("{\"src\":\"n1\",\"dest\":\"" + client + "\",")
                    .contains("\"in_reply_to\":" + (i + 2) + ",");
        }
    }
}
