package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The file as a whole: its shape, its keys, its sections, and that every problem is listed at once. */
class ConfigFileReaderTest {
    private static final String LAYOUT_KEYS = "[datacenterBits, epoch, lifetimeWarningDays, name, order, preset, sequenceBits,"
            + " tickMillis, timestampBits, workerBits]";
    private static final String GENERATOR_KEYS = "[clock, datacenter, maxStartupWaitMillis, overflowMaxLeadMillis, overflowPolicy,"
            + " reservationWindowMillis, rollbackMaxLeadMillis, rollbackMaxWaitMillis, rollbackPolicy, stateDir, worker]";
    private static final String WORKERS_KEYS = "[allocation, cluster, etcd, leaseTtlMillis, ordinalFromHostname, perProcess, range,"
            + " recycleDelayMillis, region, safetyMarginMillis, staticRange, zookeeper]";

    /** A leased top level: named generators inherit it, so none of them collides with the default. */
    private static final String LEASED = "workers:\n  allocation: zookeeper\n  zookeeper: zk:2181\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "\n", "# only a comment\n", "---\n", "~\n", "{}\n",
            "layout:\ngenerator:\nhttp:\ngrpc:\nworkers:\ngenerators:\n"})
    void aFileWithoutSettingsYieldsTheEmbeddedDefaults(String yaml) {
        assertThat(ConfigFiles.problems(dir, yaml)).isEmpty();
        assertThat(ConfigFiles.load(dir, yaml)).isEqualTo(IdmintConfig.defaults());
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                Arguments.of("colour: blue\n",
                        "unknown key colour: known keys are [clock, generator, generators, grpc, hlc, http, layout, logging, scheme, segment, uuid7, wide128, workers]"),
                Arguments.of("layout:\n  bits: 64\n", "unknown key layout.bits: known keys are " + LAYOUT_KEYS),
                Arguments.of("generator:\n  workerId: 3\n", "unknown key generator.workerId: known keys are " + GENERATOR_KEYS),
                Arguments.of("http:\n  tls: true\n",
                        "unknown key http.tls: known keys are [host, instances, port, tlsCertPath, tlsKeyPath, token, warmupRequests]"),
                Arguments.of("grpc:\n  instances: 2\n", "unknown key grpc.instances: known keys are [host, port]"),
                Arguments.of("workers:\n  ttl: 5\n", "unknown key workers.ttl: known keys are " + WORKERS_KEYS),
                Arguments.of(LEASED + "generators:\n  orders:\n    http: {}\n",
                        "unknown key generators.orders.http: known keys are [generator, hlc, layout, scheme, segment, uuid7, wide128, workers]"),
                Arguments.of(LEASED + "generators:\n  orders:\n    layout: {bits: 64}\n",
                        "unknown key generators.orders.layout.bits: known keys are " + LAYOUT_KEYS),
                Arguments.of("generators:\n  orders:\n    generator: {worker: 1, workerId: 3}\n",
                        "unknown key generators.orders.generator.workerId: known keys are " + GENERATOR_KEYS),
                Arguments.of(LEASED + "generators:\n  orders:\n    workers: {ttl: 5}\n",
                        "unknown key generators.orders.workers.ttl: known keys are " + WORKERS_KEYS));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unknownKeys")
    void anUnknownKeyIsNamedWithTheKnownOnes(String yaml, String problem) {
        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly(problem);
    }

    @Test
    void keysAreCaseSensitive() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  Worker: 3\n"))
                .containsExactly("unknown key generator.Worker: known keys are " + GENERATOR_KEYS);
    }

    static Stream<Arguments> nonMappingSections() {
        return Stream.of(
                Arguments.of("layout: 3\n", "layout must be a mapping of keys to values: found a number (example: \"layout:\\n  preset: default\")"),
                Arguments.of("generator: [1]\n", "generator must be a mapping of keys to values: found an array (example: \"generator:\\n  worker: 3\")"),
                Arguments.of("http: 5\n", "http must be a mapping of keys to values: found a number (example: \"http:\\n  port: 8080\")"),
                Arguments.of("grpc: true\n", "grpc must be a mapping of keys to values: found a boolean (example: \"grpc:\\n  port: 9090\")"),
                Arguments.of("workers: static\n",
                        "workers must be a mapping of keys to values: found a string (example: \"workers:\\n  allocation: zookeeper\")"),
                Arguments.of("generators: [orders]\n",
                        "generators must be a mapping of keys to values: found an array (example: \"generators:\\n  orders: {}\")"),
                Arguments.of("generators:\n  orders: 5\n",
                        "generators.orders must be a mapping of keys to values: found a number (example: \"orders:\\n  layout: {preset: twitter}\")"),
                Arguments.of(LEASED + "generators:\n  orders:\n    layout: twitter\n",
                        "generators.orders.layout must be a mapping of keys to values: found a string (example: \"layout:\\n  preset: default\")"),
                Arguments.of(LEASED + "generators:\n  orders:\n    generator: 3\n",
                        "generators.orders.generator must be a mapping of keys to values: found a number (example: \"generator:\\n  worker: 3\")"),
                Arguments.of(LEASED + "generators:\n  orders:\n    workers: [zookeeper]\n",
                        "generators.orders.workers must be a mapping of keys to values: found an array (example: \"workers:\\n  allocation: zookeeper\")"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("nonMappingSections")
    void aSectionThatIsNotAMappingIsNamedWithAnExample(String yaml, String problem) {
        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly(problem);
    }

    @Test
    void invalidYamlIsReportedWithTheParserMessageWhichNamesTheLineItself() {
        assertThat(ConfigFiles.problems(dir, "a: b\n c: d\n")).containsExactly("not valid YAML: mapping values are not allowed here\n"
                + " in 'reader', line 2, column 3:\n"
                + "     c: d\n"
                + "      ^\n"
                + " (example: \"generator:\\n  worker: 3\")");
    }

    static Stream<Arguments> repeatedKeys() {
        return Stream.of(
                Arguments.of("generators: {orders: {}, orders: {generator: {worker: 1}}}\n", "orders", 1),
                Arguments.of("generators:\n  orders: {}\n  orders:\n    generator: {worker: 1}\n", "orders", 3),
                Arguments.of("generator:\n  worker: 1\ngenerator:\n  worker: 2\n", "generator", 3),
                Arguments.of("generator:\n  worker: 1\n  worker: 2\n", "worker", 3),
                Arguments.of("colour: blue\nlayout: {preset: twitter}\nlayout: {preset: default}\n", "layout", 3));
    }

    /** A repeated key is refused rather than resolved silently; the parser's text names no line, so the message adds it. */
    @ParameterizedTest(name = "{1} at line {2}")
    @MethodSource("repeatedKeys")
    void aRepeatedKeyIsInvalidYaml(String yaml, String key, int line) {
        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("not valid YAML: Duplicate field '" + key + "' at line " + line
                + " (example: \"generator:\\n  worker: 3\")");
    }

    @Test
    void aRepeatedGeneratorNameDoesNotLoad() {
        Path file = ConfigFiles.write(dir, "generators:\n  orders: {}\n  orders:\n    generator: {worker: 1}\n");

        assertThatThrownBy(() -> IdmintConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + " is invalid: not valid YAML: Duplicate field 'orders' at line 3"
                        + " (example: \"generator:\\n  worker: 3\")");
    }

    @Test
    void invalidYamlIsTheOnlyProblemReported() {
        assertThat(ConfigFiles.problems(dir, "colour: blue\nlayout: {preset: default\n"))
                .singleElement().asString()
                .startsWith("not valid YAML: while parsing a flow mapping\n")
                .contains("expected ',' or '}', but got <stream end>")
                .endsWith(" (example: \"generator:\\n  worker: 3\")");
    }

    static Stream<Arguments> filesThatAreNotMappings() {
        return Stream.of(
                Arguments.of("- layout\n- generator\n", "an array"),
                Arguments.of("just some text\n", "a string"),
                Arguments.of("42\n", "a number"),
                Arguments.of("true\n", "a boolean"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("filesThatAreNotMappings")
    void aFileThatIsNotAMappingIsRefused(String yaml, String found) {
        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("the file must be a YAML mapping with sections layout: and"
                + " generator:, found " + found + " (example: \"layout:\\n  preset: default\")");
    }

    @Test
    void aFileThatCannotBeReadIsReportedByPath() {
        Path missing = dir.resolve("missing.yaml");

        assertThat(IdmintConfig.problems(missing)).containsExactly("cannot read " + missing + ": " + missing);
        assertThatThrownBy(() -> IdmintConfig.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + " is invalid: cannot read " + missing + ": " + missing);
    }

    @Test
    void aDirectoryCannotBeReadAsAFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("config.yaml"));

        assertThat(IdmintConfig.problems(sub)).singleElement().asString().startsWith("cannot read " + sub + ": ");
    }

    @Test
    void loadThrowsAConfigExceptionListingEveryProblem() {
        Path file = ConfigFiles.write(dir, "colour: blue\ngenerator:\n  worker: -1\n");

        assertThatThrownBy(() -> IdmintConfig.load(file))
                .isInstanceOf(InvalidRequestException.class)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown key colour: known keys are [clock, generator, generators, grpc, hlc, http, layout, logging, scheme, segment, uuid7, wide128, workers]",
                        "generator.worker must be 0..2147483647: generator.worker=-1 (example: worker: 3)"))
                .hasMessage(file + " is invalid: unknown key colour: known keys are [clock, generator, generators, grpc, hlc, http,"
                        + " layout, logging, scheme, segment, uuid7, wide128, workers]; generator.worker must be 0..2147483647: generator.worker=-1 (example: worker: 3)");
    }

    @Test
    void aConfigExceptionKeepsACopyOfItsProblems() {
        List<String> problems = new java.util.ArrayList<>(List.of("one", "two"));
        ConfigException e = new ConfigException("here", problems);
        problems.add("three");

        assertThat(e.problems()).containsExactly("one", "two");
        assertThat(e).hasMessage("here is invalid: one; two");
        assertThatThrownBy(() -> e.problems().add("four")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyProblemOfTheFileIsListedAtOnce() {
        String yaml = """
                colour: blue
                layout:
                  tickMillis: 0
                  bits: 64
                generator:
                  worker: x
                  clock: sundial
                  rollbackPolicy: sometimes
                http: 5
                grpc:
                  port: 70000
                  zz: 1
                workers:
                  allocation: nonsense
                  range: abc
                  staticRange: "1..x"
                  perProcess: 0
                generators:
                  default: {}
                  Orders: {}
                  billing:
                    http: {}
                    generator: {worker: -1, datacenter: 1.5}
                """;

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly(
                "unknown key colour: known keys are [clock, generator, generators, grpc, hlc, http, layout, logging, scheme, segment, uuid7, wide128, workers]",
                "http must be a mapping of keys to values: found a number (example: \"http:\\n  port: 8080\")",
                "unknown key grpc.zz: known keys are [host, port]",
                "grpc.port must be 0..65535: grpc.port=70000 (example: port: 9090)",
                "unknown key layout.bits: known keys are " + LAYOUT_KEYS,
                "layout.tickMillis must be 1..1000: layout.tickMillis=0 (example: tickMillis: 1)",
                "generator.worker must be a whole number 0..2147483647: generator.worker=\"x\" (example: worker: 3)",
                "generator.clock must be one of [system, monotonic]: generator.clock=sundial (example: clock: system)",
                "generator.rollbackPolicy must be one of [wait, logical-offset, fail-fast]: generator.rollbackPolicy=sometimes"
                        + " (example: rollbackPolicy: wait)",
                "workers.allocation must be one of [static, zookeeper, etcd, hybrid]: workers.allocation=nonsense"
                        + " (example: allocation: zookeeper)",
                "workers.range must look like first..last: workers.range=abc (example: range: 16..31)",
                "workers.staticRange must look like first..last: workers.staticRange=1..x (example: staticRange: 0..15)",
                "workers.perProcess must be 1..1024: workers.perProcess=0 (example: perProcess: 2)",
                "generators.default: the top level's sections are the default generator; name this one differently"
                        + " (example: generators: {orders: {}})",
                "generators.Orders: a generator name must match [a-z0-9][a-z0-9_-]{0,62} (it appears in URLs, metrics and"
                        + " file names): name=Orders (example: orders)",
                "unknown key generators.billing.http: known keys are [generator, hlc, layout, scheme, segment, uuid7, wide128, workers]",
                "generators.billing.generator.datacenter must be a whole number 0..2147483647:"
                        + " generators.billing.generator.datacenter=1.5 (example: datacenter: 1)",
                "generators.billing.generator.worker must be 0..2147483647: generators.billing.generator.worker=-1"
                        + " (example: worker: 3)");
    }

    @Test
    void crossFieldProblemsFollowTheProblemsOfSingleValues() {
        String yaml = """
                generator:
                  worker: 40
                  clock: sundial
                http:
                  tlsKeyPath: /etc/idmint/key.pem
                """;

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly(
                "generator.clock must be one of [system, monotonic]: generator.clock=sundial (example: clock: system)",
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=null tlsKeyPath=/etc/idmint/key.pem"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)",
                "generator.worker must be 0..31 for layout 'default': generator.worker=40 (example: worker: 3)");
    }

    @Test
    void aLayoutProblemStillReportsTheTransportButNotChecksAgainstTheLayout() {
        String yaml = """
                layout:
                  sequenceBits: 31
                generator:
                  worker: 40
                http:
                  tlsCertPath: /etc/idmint/cert.pem
                """;

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly(
                "layout.sequenceBits must be 0..30: layout.sequenceBits=31 (example: sequenceBits: 12)",
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=/etc/idmint/cert.pem tlsKeyPath=null"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)");
    }

    @Test
    void aValidFileHasNoProblemsAndLoads() {
        String yaml = "layout:\n  preset: twitter\ngenerator:\n  worker: 3\n";

        assertThat(ConfigFiles.problems(dir, yaml)).isEmpty();
        assertThat(ConfigFiles.load(dir, yaml).defaultGenerator().generator().worker()).isEqualTo(3);
    }
}
