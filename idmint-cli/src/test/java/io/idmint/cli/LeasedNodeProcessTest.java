package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.core.BitLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import io.idmint.testkit.LoopbackZooKeeper;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** {@code idmint node --allocation zookeeper} as a child process: the lease names the worker; no lease, error 11. */
class LeasedNodeProcessTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLeasedNodeIssuesAsItsLeasedWorkerAndAnswersElevenWithoutALease() throws Exception {
        try (TestingServer zk = LoopbackZooKeeper.start(200)) {
            Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "node", "--allocation", "zookeeper",
                    "--zookeeper", "127.0.0.1:" + zk.getPort(), "--cluster", "node-test", "--worker-range", "20..23")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = node.getOutputStream();
                 BufferedReader out = node.inputReader(StandardCharsets.UTF_8)) {
                send(in, "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
                assertThat(JSON.readTree(out.readLine()).at("/body/type").asText()).isEqualTo("init_ok");
                JsonNode ok = generate(in, out, 2);
                assertThat(ok.at("/body/type").asText()).isEqualTo("generate_ok");
                assertThat(BitLayout.DEFAULT.decode(ok.at("/body/id").asLong()).worker()).as("the lease, not n1, names the worker")
                        .isBetween(20, 23);

                zk.stop();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                JsonNode reply = ok;
                for (int msg = 3; !reply.at("/body/type").asText().equals("error"); msg++) {
                    assertThat(System.nanoTime() - deadline).as("no error reply after the lease deadline").isNegative();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // request pacing
                    reply = generate(in, out, msg);
                }
                assertThat(reply.at("/body/code").asInt()).isEqualTo(11);
                assertThat(reply.at("/body/text").asText()).containsAnyOf("deadline", "no worker lease");
            } finally {
                node.destroyForcibly();
                node.waitFor();
            }
        }
    }

    private static JsonNode generate(OutputStream in, BufferedReader out, int msgId) throws IOException {
        send(in, "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":" + msgId + "}}");
        return JSON.readTree(out.readLine());
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
