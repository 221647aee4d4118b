package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.core.BitLayout;
import io.idmint.testkit.Postgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idmint analyze} end to end through the command line: a file, stdin, --json, --html, --jdbc, exit codes. */
class AnalyzeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final BitLayout LAYOUT = BitLayout.DEFAULT;
    static final long T0 = LAYOUT.epochMillis() + 500L * 86_400_000L;

    @TempDir
    Path dir;

    /** Two workers, 2 IDs per ms each for 1 s; then one of worker 2's IDs again and two lines that are not IDs. */
    static List<String> stream() {
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < 1_000; t++) {
            for (int w = 1; w <= 2; w++) {
                lines.add(Long.toString(LAYOUT.compose(T0 + t, 0, w, 0)));
                lines.add(Long.toString(LAYOUT.compose(T0 + t, 0, w, 1)));
            }
        }
        lines.add(lines.get(10)); // line 4,001: worker 2's ID of ms 2, again
        lines.add("hello");      // line 4,002
        lines.add("");
        lines.add("0x" + "f".repeat(16)); // line 4,004: 64 bits set, not an ID of a 63-bit layout
        return lines;
    }

    @Test
    void aFileAnalyzedAsJsonHasTheTopLevelKeysAndEveryFindingWithItsLine() throws Exception {
        Path ids = Files.write(dir.resolve("ids.txt"), stream());
        CliTest.Run r = CliTest.run("analyze", "--json", ids.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.has("count") && j.has("duplicates") && j.has("order_violations") && j.has("clock_jumps")
                && j.has("per_worker")).as("top-level keys").isTrue();
        assertThat(j.get("count").asLong()).isEqualTo(4_001);
        assertThat(j.get("invalid_lines").asLong()).isEqualTo(2);
        assertThat(j.get("invalid_examples")).extracting(e -> e.get("line").asLong()).containsExactly(4_002L, 4_004L);
        JsonNode dup = j.get("duplicates").get("examples").get(0);
        assertThat(dup.get("id").asText()).isEqualTo(stream().get(10));
        assertThat(dup.get("lines")).extracting(JsonNode::asLong).containsExactly(11L, 4_001L);
        assertThat(j.get("order_violations").get("count").asLong()).isEqualTo(1);
        assertThat(j.get("order_violations").get("examples").get(0).get("line").asLong()).isEqualTo(4_001);
        assertThat(j.get("clock_jumps").get("regressions").asLong()).isEqualTo(1);
        assertThat(j.get("per_worker")).extracting(w -> w.get("worker").asInt() + ":" + w.get("count").asLong())
                .containsExactly("1:2000", "2:2001");
    }

    @Test
    void stdinGivesTheSameCountsAndTheTextSummaryNamesThem() throws Exception {
        byte[] text = (String.join("\n", stream()) + "\n").getBytes(StandardCharsets.US_ASCII);
        InputStream stdin = System.in;
        CliTest.Run r;
        try {
            System.setIn(new ByteArrayInputStream(text));
            r = CliTest.run("analyze", "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("idmint analyze: stdin").contains(
                "lines        4,004 read: 4,001 IDs, 2 invalid, 1 blank or comments",
                "duplicates   1 extra copies of 1 IDs",
                "order        1 violations",
                "line 4002: 'hello': not an ID",
                "line 4004: '18446744073709551615'");
    }

    @Test
    void htmlWritesASelfContainedReport() throws Exception {
        Path ids = Files.write(dir.resolve("ids.txt"), stream());
        Path html = dir.resolve("report.html");
        CliTest.Run r = CliTest.run("analyze", "--html", html.toString(), ids.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("HTML report: " + html);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script", "https://");
    }

    @Test
    void usageMistakesAndAMissingFileAreInvalidInput() {
        assertThat(CliTest.run("analyze", "--query", "SELECT 1").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(CliTest.run("analyze", "--jdbc", "jdbc:postgresql://127.0.0.1/x").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        CliTest.Run missing = CliTest.run("analyze", dir.resolve("none.txt").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains("no readable file");
        assertThat(CliTest.run("analyze", "--layout", "nope", "-").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void anUnreachableDatabaseIsRetryLaterNotABug() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliTest.Run r = CliTest.run("analyze", "--jdbc", "jdbc:postgresql://127.0.0.1:" + port + "/ids?connectTimeout=5",
                "--query", "SELECT id FROM t");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.RETRY_LATER);
        assertThat(r.err()).contains("cannot reach the database").doesNotContain("incident");
    }

    @Test
    void aQueryStreamsItsFirstColumnAndARefusedQueryIsInvalidInput() throws Exception {
        try (Postgres pg = Postgres.launch()) {
            String url = pg.createDatabase("ids");
            long base = LAYOUT.compose(T0, 0, 0, 0);
            pg.psql("ids", "CREATE TABLE t (id BIGINT, at INT); INSERT INTO t SELECT " + base
                    + " + (x::bigint << 22), x FROM generate_series(1, 5000) x; INSERT INTO t VALUES (" + base + " + (7::bigint << 22), 5001);");
            CliTest.Run r = CliTest.run("analyze", "--json", "--jdbc", url, "--jdbc-user", pg.user(), "--query", "SELECT id FROM t ORDER BY at");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode j = JSON.readTree(r.out());
            assertThat(j.get("count").asLong()).isEqualTo(5_001);
            assertThat(j.get("duplicates").get("count").asLong()).isEqualTo(1);
            assertThat(j.get("order_violations").get("examples").get(0).get("line").asLong()).isEqualTo(5_001);
            CliTest.Run bad = CliTest.run("analyze", "--jdbc", url, "--jdbc-user", pg.user(), "--query", "SELECT nope FROM t");
            assertThat(bad.exit()).as(bad.err()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(bad.err()).contains("the query failed", "nope", "SQLSTATE 42703");
        }
    }
}
