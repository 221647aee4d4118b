package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.Id128;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate and inspect for the schemes beyond Snowflake, through a config file as a user writes it. */
class SchemesCliTest {
    @TempDir
    Path dir;

    private Path config(String yaml) throws Exception {
        Path file = dir.resolve("idmint.yaml");
        // The state directory joins a generator: section that ends the text, or starts one.
        String state = "  stateDir: " + dir.resolve("state") + "\n";
        Files.writeString(file, yaml + (yaml.contains("generator:") ? "\n" : "\ngenerator:\n") + state);
        return file;
    }

    @Test
    void uuid7IdsAreUuidsThatSortAsTextAndCarryTheirNode() throws Exception {
        Path cfg = config("scheme: uuid7\nuuid7:\n  node: 4242");
        CliTest.Run r = CliTest.run("generate", "-n", "3000", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(3000).allMatch(l -> l.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertThat(new ArrayList<>(lines)).isSorted();
        assertThat(new HashSet<>(lines)).hasSize(3000);
        CliTest.Run inspected = CliTest.run("inspect", "--json", "--config", cfg.toString(), lines.get(0));
        assertThat(inspected.out()).contains("\"node\":4242").contains("\"version\":7");
    }

    @Test
    void wide128IdsAreBase32ThatSortAsTextAndDecodeToNanoseconds() throws Exception {
        Path cfg = config("scheme: wide128\nwide128:\n  node: 77");
        CliTest.Run r = CliTest.run("generate", "-n", "2000", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(2000).allMatch(l -> l.length() == 26);
        assertThat(new ArrayList<>(lines)).isSorted();
        assertThat(Id128.parse(lines.get(0)).low() >>> 16).isEqualTo(77);
        CliTest.Run inspected = CliTest.run("inspect", "--scheme", "wide128", "--json", lines.get(1));
        assertThat(inspected.out()).contains("\"node\":77").contains("\"timestamp_ns\"");
        CliTest.Run asUuid = CliTest.run("generate", "-n", "1", "--config", cfg.toString(), "--format", "uuid");
        assertThat(asUuid.out().strip()).hasSize(36);
    }

    @Test
    void aUuidIsReadAsAUuidV7WithoutFlags() {
        CliTest.Run r = CliTest.run("inspect", "--json", "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"timestamp\":\"2022-02-22T19:22:22.000Z\"").contains("\"counter\":3267");
    }

    @Test
    void hlcDefaultsToTheHlcLayoutAndAFormNotOfTheIdsIsRefused() throws Exception {
        Path cfg = config("scheme: hlc\ngenerator:\n  worker: 3");
        CliTest.Run r = CliTest.run("generate", "-n", "5", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        CliTest.Run inspected = CliTest.run("inspect", "--json", "--config", cfg.toString(), r.lines().get(0));
        assertThat(inspected.out()).contains("\"layout\":\"hlc\"").contains("\"worker\":3");
        CliTest.Run refused = CliTest.run("generate", "-n", "1", "--config", cfg.toString(), "--format", "uuid");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("format must be one of decimal, base32, hex for generator default (scheme hlc,"
                + " 64-bit IDs): format=uuid");
    }

    @Test
    void aSectionOfAnotherSchemeAndABadNodeAreConfigProblems() throws Exception {
        Path cfg = config("scheme: wide128\nuuid7:\n  node: 1\nwide128:\n  node: -3");
        CliTest.Run r = CliTest.run("validate-config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err() + r.out()).contains("uuid7: is the section of scheme uuid7, but scheme=wide128")
                .contains("wide128.node must be 0..281474976710655: wide128.node=-3");
    }
}
