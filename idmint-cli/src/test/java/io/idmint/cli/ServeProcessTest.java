package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.BitLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `idmint serve` as a real child process: it serves, and SIGTERM stores the exact high-water mark. */
class ServeProcessTest {

    @TempDir
    Path state;

    @Test
    void sigtermFinishesAndStoresTheExactMark() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--http-port", "0", "--grpc-port", "0",
                "--state-dir", state.toString(), "--worker", "9")).redirectErrorStream(true).start();
        try {
            int httpPort = ServeOutput.awaitPorts(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))[0];
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // Ready once its warm-up (IDs it issues itself) is over: from then on the last ID issued is ours.
            await("readiness").atMost(Duration.ofSeconds(30)).until(() -> client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/v1/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/api/v1/ids?format=number")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            long id = Long.parseLong(r.body().replaceAll("\\D", ""));
            assertThat(BitLayout.DEFAULT.decode(id).worker()).isEqualTo(9);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Properties mark = new Properties();
            mark.load(Files.newBufferedReader(state.resolve("worker-dc0-w9.hwm")));
            // The exact last tick, not the reservation a second ahead.
            assertThat(Long.parseLong(mark.getProperty("reservedUntilMillis")))
                    .isEqualTo(BitLayout.DEFAULT.decode(id).timestamp().toEpochMilli());
        } finally {
            p.destroyForcibly();
        }
    }
}
