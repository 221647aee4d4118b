package io.idmint.node;

import static io.idmint.node.NodeProcess.init;
import static io.idmint.node.NodeProcess.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generator failures become Maelstrom errors, never IDs, and the node keeps serving. In-process, on a manual clock. */
class GeneratorFailureTest {
    private final ManualTimeSource clock = new ManualTimeSource(1_790_000_000_000L);

    private List<JsonNode> run(BitLayout layout, String... lines) throws Exception {
        return InProcessNode.run(TestNodeMain.issuers(layout, worker -> IdGenerator.builder(layout).worker(worker)
                .timeSource(clock).rollbackPolicy(ClockRollbackPolicy.failFast()).build()), lines);
    }

    @Test
    void clockBehindIssuedIdsIsTemporarilyUnavailable() throws Exception {
        MaelstromNode node = new MaelstromNode(TestNodeMain.issuers(BitLayout.DEFAULT, worker -> IdGenerator.builder(BitLayout.DEFAULT)
                .worker(worker).timeSource(clock).rollbackPolicy(ClockRollbackPolicy.failFast()).build()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String first = init("n1", 1) + "\n" + request("c1", "n1", "generate", 2, "") + "\n";
        node.run(new SteppingInput(first, () -> clock.advance(-5_000),
                request("c1", "n1", "generate", 3, "") + "\n"), out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        JsonNode error = NodeProcess.JSON.readTree(lines[2]).get("body");
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("code").asInt()).isEqualTo(11);
        assertThat(error.get("in_reply_to").asLong()).isEqualTo(3);
        assertThat(error.get("text").asText()).startsWith("clock moved backwards").contains("5000 ms behind");
    }

    @Test
    void expiredLayoutIsADefiniteAbortNotAnId() throws Exception {
        BitLayout shortLived = BitLayout.builder().name("short").timestampBits(36).workerBits(5).sequenceBits(12)
                .epochMillis(clock.peek() - 1000).build();
        clock.set(shortLived.endOfLifeMillis() - 1);
        List<JsonNode> replies = run(shortLived, init("n1", 1), request("c1", "n1", "generate_batch", 2, ",\"count\":5000"),
                request("c1", "n1", "generate", 3, ""), request("c1", "n1", "verify_ids", 4, ",\"ids\":[1,2]"));
        assertThat(replies.get(0).get("type").asText()).as(replies.get(0).toString()).isEqualTo("init_ok");
        assertThat(replies.get(1).get("type").asText()).isEqualTo("error");
        assertThat(replies.get(1).get("code").asInt()).as(replies.get(1).toString()).isEqualTo(14);
        assertThat(replies.get(1).get("text").asText()).contains("layout 'short' is full");
        // The batch used up the layout's last tick: later requests get the same error, and the node
        // still serves what does not need a new ID.
        assertThat(replies.get(2).get("code").asInt()).isEqualTo(14);
        assertThat(replies.get(3).get("type").asText()).isEqualTo("verify_ids_ok");
    }

    /** Serves {@code before}, runs {@code step} once it is consumed, then serves {@code after}. */
    static final class SteppingInput extends java.io.InputStream {
        private final byte[] before;
        private final byte[] after;
        private final Runnable step;
        private int pos;
        private boolean stepped;

        SteppingInput(String before, Runnable step, String after) {
            this.before = before.getBytes(StandardCharsets.UTF_8);
            this.after = after.getBytes(StandardCharsets.UTF_8);
            this.step = step;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos < before.length) {
                int n = Math.min(len, before.length - pos);
                System.arraycopy(before, pos, b, off, n);
                pos += n;
                return n;
            }
            if (!stepped) {
                stepped = true;
                step.run();
            }
            int at = pos - before.length;
            if (at >= after.length) {
                return -1;
            }
            int n = Math.min(len, after.length - at);
            System.arraycopy(after, at, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return pos < before.length ? before.length - pos : 0;
        }
    }
}
