package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.idmint.core.BitLayout;
import io.idmint.grpc.v1.GenerateRequest;
import io.idmint.grpc.v1.IdServiceGrpc;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two named generators in one config, served by real {@code idmint serve} and {@code idmint node} processes:
 * each face selects them by name, their IDs decode under their own layouts, and an unknown name lists the
 * known ones.
 */
class NamedGeneratorsProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BitLayout TWITTER = BitLayout.preset("twitter");
    private static final String UNKNOWN = "unknown generator: generator=events (this process serves default, orders)";

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path file = dir.resolve("idmint.yaml");
        Files.writeString(file, "generator:\n  worker: 1\n  stateDir: " + dir.resolve("state") + "\n"
                + "generators:\n  orders:\n    layout:\n      preset: twitter\n    generator:\n      worker: 5\n");
        return file;
    }

    private static Process idmint(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    @Test
    void serveSelectsEachGeneratorOnHttpAndGrpc() throws Exception {
        Process p = idmint("serve", "--config", config().toString(), "--http-port", "0", "--grpc-port", "0");
        try {
            int[] ports = ServeOutput.awaitPorts(new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + ports[0];
            long order = Long.parseLong(JSON.readTree(get(http, base + "/api/v1/ids?generator=orders").body()).get("id").asText());
            assertThat(TWITTER.decode(order).worker()).isEqualTo(5);
            long plain = Long.parseLong(JSON.readTree(get(http, base + "/api/v1/ids").body()).get("id").asText());
            assertThat(BitLayout.DEFAULT.decode(plain).worker()).isEqualTo(1);
            assertThat(JSON.readTree(get(http, base + "/api/v1/ids/" + order + "?generator=orders").body()).get("layout").asText())
                    .isEqualTo("twitter");
            HttpResponse<String> unknown = get(http, base + "/api/v1/ids?generator=events");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(unknown.body()).get("detail").asText()).isEqualTo(UNKNOWN);

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", ports[1]).usePlaintext().build();
            try {
                IdServiceGrpc.IdServiceBlockingStub grpc = IdServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                long viaGrpc = grpc.generate(GenerateRequest.newBuilder().setGenerator("orders").build()).getId();
                assertThat(TWITTER.decode(viaGrpc).worker()).isEqualTo(5);
                assertThat(viaGrpc).isGreaterThan(order);
                StatusRuntimeException e = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
                        () -> grpc.generate(GenerateRequest.newBuilder().setGenerator("events").build()));
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).isEqualTo(UNKNOWN);
            } finally {
                channel.shutdownNow();
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void aNodeSelectsEachGeneratorWithTheGeneratorField() throws Exception {
        Process node = idmint("node", "--config", config().toString());
        try (OutputStream in = node.getOutputStream(); BufferedReader out = node.inputReader(StandardCharsets.UTF_8)) {
            send(in, "{\"src\":\"c0\",\"dest\":\"n3\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n3\",\"node_ids\":[\"n3\"]}}");
            assertThat(JSON.readTree(out.readLine()).at("/body/type").asText()).isEqualTo("init_ok");
            send(in, "{\"src\":\"c1\",\"dest\":\"n3\",\"body\":{\"type\":\"generate\",\"msg_id\":2,\"generator\":\"orders\"}}");
            long order = JSON.readTree(out.readLine()).at("/body/id").asLong();
            assertThat(TWITTER.decode(order).worker()).as("a node's static generators take its number").isEqualTo(3);
            send(in, "{\"src\":\"c1\",\"dest\":\"n3\",\"body\":{\"type\":\"generate\",\"msg_id\":3}}");
            assertThat(BitLayout.DEFAULT.decode(JSON.readTree(out.readLine()).at("/body/id").asLong()).worker()).isEqualTo(3);
            send(in, "{\"src\":\"c1\",\"dest\":\"n3\",\"body\":{\"type\":\"generate\",\"msg_id\":4,\"generator\":\"events\"}}");
            JsonNode error = JSON.readTree(out.readLine()).get("body");
            assertThat(error.get("code").asInt()).isEqualTo(12);
            assertThat(error.get("text").asText()).isEqualTo(UNKNOWN);
        } finally {
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("the node stops at the end of its input").isTrue();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(java.time.Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
