package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.core.BitLayout;
import io.idmint.core.FailureKind;
import io.idmint.core.IdFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generatePrintsIncreasingIdsOfTheChosenWorker() {
        Run r = run("generate", "-n", "5000", "--worker", "7", "--datacenter", "2", "--state-dir", dir.toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(5000);
        long prev = -1;
        for (String line : lines) {
            long id = Long.parseLong(line);
            assertThat(id).isGreaterThan(prev);
            prev = id;
            assertThat(BitLayout.DEFAULT.decode(id).worker()).isEqualTo(7);
            assertThat(BitLayout.DEFAULT.decode(id).datacenter()).isEqualTo(2);
        }
        assertThat(dir.resolve("worker-dc2-w7.hwm")).exists();
    }

    @Test
    void secondRunStartsAfterTheFirst() {
        long lastOfFirst = Long.parseLong(run("generate", "-n", "3", "--state-dir", dir.toString()).lines().get(2));
        long firstOfSecond = Long.parseLong(run("generate", "--state-dir", dir.toString()).lines().get(0));
        assertThat(firstOfSecond).isGreaterThan(lastOfFirst);
    }

    @Test
    void generateFormats() {
        String b32 = run("generate", "--format", "base32", "--no-state").lines().get(0);
        assertThat(b32).hasSize(13);
        String hex = run("generate", "--format", "hex", "--no-state", "--layout", "sonyflake").lines().get(0);
        assertThat(hex).hasSize(16);
        assertThat(BitLayout.preset("sonyflake").decode(IdFormat.HEX.parse(hex)).worker()).isZero();
    }

    @Test
    void badGenerateInputNamesTheValueAndTheLimit() {
        Run zero = run("generate", "-n", "0", "--no-state");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("idmint: count must be 1..10000000: count=0\n");
        assertThat(zero.out()).isEmpty();
        Run worker = run("generate", "--worker", "32", "--no-state");
        assertThat(worker.exit()).isEqualTo(2);
        assertThat(worker.err()).contains("generator.worker must be 0..31 for layout 'default': generator.worker=32");
        Run layout = run("generate", "--layout", "flickr", "--no-state");
        assertThat(layout.err()).contains("layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=flickr");
        Run format = run("generate", "--format", "octal", "--no-state");
        assertThat(format.err()).contains("format must be one of decimal, base32, hex: format=octal");
    }

    @Test
    void inspectJsonHasTheRequiredFields() throws Exception {
        long id = BitLayout.DEFAULT.compose(BitLayout.DEFAULT.epochMillis() + 1, 1, 5, 9);
        Run r = run("inspect", "--json", Long.toString(id), IdFormat.BASE32.format(id), "0x" + IdFormat.HEX.format(id));
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(3);
        for (String line : r.lines()) {
            JsonNode n = new ObjectMapper().readTree(line);
            assertThat(n.get("id").asLong()).isEqualTo(id);
            assertThat(n.get("timestamp").asText()).isEqualTo("2024-01-01T00:00:00.001Z");
            assertThat(n.get("datacenter").asInt()).isEqualTo(1);
            assertThat(n.get("worker").asInt()).isEqualTo(5);
            assertThat(n.get("sequence").asInt()).isEqualTo(9);
            assertThat(n.get("layout").asText()).isEqualTo("default");
        }
    }

    @Test
    void inspectReportsInvalidIdsAndStillDecodesTheRest() {
        Run r = run("inspect", "--json", "banana", "4194304", "-5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.lines()).hasSize(1);
        assertThat(r.err()).contains("not an ID: 'banana'");
        assertThat(r.err()).contains("-5");
    }

    @Test
    void inspectTextShowsTheBinaryView() {
        Run r = run("inspect", "4194304");
        assertThat(r.out()).contains("binary        0 | 00000000000000000000000000000000000000001 | 00000 | 00000 | 000000000000");
        assertThat(r.out()).contains("timestamp     2024-01-01T00:00:00.001Z").contains("timestamp_ms  1704067200001");
    }

    @Test
    void layoutsListEveryPreset() throws Exception {
        assertThat(run("layouts").out()).contains("2093-09-06T15:47:35.552Z").contains("4,096,000").contains("sonyflake");
        JsonNode array = new ObjectMapper().readTree(run("layouts", "--json").out());
        assertThat(array).hasSize(7);
        assertThat(array.get(0).get("ids_per_second_per_worker").asLong()).isEqualTo(4_096_000);
    }

    @Test
    void validateConfigListsEveryProblemWithAnExample() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "layout:\n  preset: default\n  sequenceBits: 40\ngenerator:\n  worker: -1\n"
                + "  rollbackPolicy: sometimes\n  colour: blue\n");
        Run r = run("validate-config", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("4 problems")
                .contains("layout.sequenceBits must be 0..30: layout.sequenceBits=40 (example: sequenceBits: 12)")
                .contains("generator.worker must be 0..2147483647: generator.worker=-1 (example: worker: 3)")
                .contains("generator.rollbackPolicy must be one of [wait, logical-offset, fail-fast]")
                .contains("unknown key generator.colour");
    }

    @Test
    void validateConfigChecksTheWorkerAgainstTheLayout() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "layout:\n  timestampBits: 41\n  workerBits: 3\ngenerator:\n  worker: 8\n");
        Run r = run("validate-config", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("generator.worker must be 0..7 for layout 'default-custom': generator.worker=8");
    }

    @Test
    void validConfigDrivesGenerate() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "layout:\n  preset: sonyflake\ngenerator:\n  worker: 300\n  stateDir: " + dir.resolve("state") + "\n");
        assertThat(run("validate-config", file.toString()).exit()).isZero();
        long id = Long.parseLong(run("generate", "--config", file.toString()).lines().get(0));
        assertThat(BitLayout.preset("sonyflake").decode(id).worker()).isEqualTo(300);
        assertThat(dir.resolve("state").resolve("worker-dc0-w300.hwm")).exists();
    }

    @Test
    void notYamlIsAProblemNotACrash() throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, "layout: [unclosed\n");
        Run r = run("validate-config", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not valid YAML");
    }

    @Test
    void planRecommendsTheSnowflakeShapeForTheSeedsFleet() {
        Run r = run("plan", "--qps", "100000", "--years", "50", "--nodes", "40");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Recommended: 1 ms tick, 41-bit timestamp, 10-bit worker, 12-bit sequence")
                .contains("The default preset").contains("also fits");
    }

    @Test
    void planForJavaScriptSafeIdsRecommendsTheJsSafePresetWhenItFits() {
        Run r = run("plan", "--qps", "20000", "--years", "50", "--nodes", "16", "--max-bits", "53");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("in 53 bits").contains("FITS 53?")
                .contains("The js-safe preset (11 bits 0 | 39 bits timestamp | 6 worker | 8 seq, 10 ms, 25,600 IDs/s per"
                        + " worker, 64 workers").contains("also fits: layout: {preset: js-safe}");
        Run tooBig = run("plan", "--qps", "100000000", "--years", "50", "--nodes", "10000", "--max-bits", "53");
        assertThat(tooBig.exit()).isEqualTo(3);
        assertThat(tooBig.out()).contains("No 53-bit layout fits").contains("sent as strings");
        assertThat(run("plan", "--qps", "1", "--years", "1", "--nodes", "1", "--max-bits", "64").err())
                .contains("max-bits must be 8..63: max-bits=64");
    }

    @Test
    void planThatCannotFitSaysSoAndExitsThree() {
        Run r = run("plan", "--qps", "100000000000", "--years", "1000", "--nodes", "100000");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("No 63-bit layout fits");
        assertThat(run("plan", "--qps", "0", "--years", "5", "--nodes", "1").err()).contains("qps must be 1..1000000000000: qps=0");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("generate", "inspect", "layouts", "validate-config", "plan")) {
            Run r = run(cmd, "--help");
            assertThat(r.exit()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: idmint " + cmd);
        }
        assertThat(run("--help").out()).contains("Exit codes:");
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void theExitCodeTableIsExactlyThis() {
        assertThat(ExitCodes.TABLE).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                FailureKind.INVALID_REQUEST, 2, FailureKind.RETRY_LATER, 1, FailureKind.PERMANENT, 3, FailureKind.INTERNAL, 4));
    }

    @Test
    void aClockBehindTheStoredMarkIsRetryLaterExitOne() throws Exception {
        long future = System.currentTimeMillis() + 60_000;
        Files.writeString(dir.resolve("worker-dc0-w0.hwm"), "reservedUntilMillis=" + future + "\nwrittenAtMillis=" + future + "\n");
        Run r = run("generate", "--state-dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("behind").contains("maxStartupWait");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void generateAndInspectUseTheGeneratorNamedInTheConfig() throws Exception {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, "generator:\n  worker: 1\n  stateDir: " + dir.resolve("state") + "\n"
                + "generators:\n  orders:\n    layout:\n      preset: twitter\n    generator:\n      worker: 5\n");
        long order = Long.parseLong(run("generate", "--config", file.toString(), "--generator", "orders").lines().get(0));
        assertThat(BitLayout.preset("twitter").decode(order).worker()).isEqualTo(5);
        assertThat(dir.resolve("state").resolve("orders").resolve("worker-dc0-w5.hwm")).as("a lock of its own").exists();
        JsonNode decoded = new ObjectMapper().readTree(run("inspect", "--json", "--config", file.toString(), "--generator", "orders",
                Long.toString(order)).out());
        assertThat(decoded.get("layout").asText()).isEqualTo("twitter");
        assertThat(decoded.get("worker").asInt()).isEqualTo(5);
        Run unknown = run("generate", "--config", file.toString(), "--generator", "events");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("idmint: unknown generator: generator=events (this process serves default, orders)\n");
        assertThat(run("inspect", "--generator", "orders", "1").err()).contains("--generator names a generator of --config");
        Run valid = run("validate-config", file.toString());
        assertThat(valid.out()).contains("generator default").contains("generator orders").contains("twitter");
    }

    @Test
    void inspectRefusesThirteenDigitsUntilTheFormatIsNamed() {
        Run r = run("inspect", "1234567890123");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("ambiguous ID '1234567890123': as decimal it is 1234567890123, as base32 ");
        assertThat(run("inspect", "--format", "decimal", "--json", "1234567890123").out()).contains("\"id\":1234567890123");
    }
}
