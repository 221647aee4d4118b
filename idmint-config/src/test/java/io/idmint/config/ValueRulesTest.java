package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.SequenceOverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules for single values: every integer key's range, every choice, ranges, the layout's own rules. */
class ValueRulesTest {
    private static final String LAYOUT_EXAMPLE = " (example: timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12)";

    @TempDir
    Path dir;

    /** Every integer key: its section, its limits and the example its messages give. */
    static Stream<Arguments> integerKeys() {
        return Stream.of(
                Arguments.of("layout", "tickMillis", 1L, 1000L, "tickMillis: 1"),
                Arguments.of("layout", "timestampBits", 1L, 62L, "timestampBits: 41"),
                Arguments.of("layout", "datacenterBits", 0L, 31L, "datacenterBits: 5"),
                Arguments.of("layout", "workerBits", 0L, 31L, "workerBits: 5"),
                Arguments.of("layout", "sequenceBits", 0L, 30L, "sequenceBits: 12"),
                Arguments.of("layout", "lifetimeWarningDays", 0L, 36_500L, "lifetimeWarningDays: 365"),
                Arguments.of("generator", "datacenter", 0L, 2_147_483_647L, "datacenter: 1"),
                Arguments.of("generator", "worker", 0L, 2_147_483_647L, "worker: 3"),
                Arguments.of("generator", "rollbackMaxWaitMillis", 0L, 3_600_000L, "rollbackMaxWaitMillis: 1000"),
                Arguments.of("generator", "rollbackMaxLeadMillis", 0L, 3_600_000L, "rollbackMaxLeadMillis: 1000"),
                Arguments.of("generator", "overflowMaxLeadMillis", 0L, 3_600_000L, "overflowMaxLeadMillis: 10"),
                Arguments.of("generator", "reservationWindowMillis", 10L, 3_600_000L, "reservationWindowMillis: 1000"),
                Arguments.of("generator", "maxStartupWaitMillis", 0L, 3_600_000L, "maxStartupWaitMillis: 3000"),
                Arguments.of("http", "port", 0L, 65_535L, "port: 8080"),
                Arguments.of("http", "instances", 1L, 64L, "instances: 2"),
                Arguments.of("http", "warmupRequests", 0L, 1_000_000L, "warmupRequests: 2000"),
                Arguments.of("grpc", "port", 0L, 65_535L, "port: 9090"),
                Arguments.of("workers", "leaseTtlMillis", 1000L, 3_600_000L, "leaseTtlMillis: 10000"),
                Arguments.of("workers", "recycleDelayMillis", 0L, 86_400_000L, "recycleDelayMillis: 10000"),
                Arguments.of("workers", "safetyMarginMillis", 1L, 3_600_000L, "safetyMarginMillis: 2000"),
                Arguments.of("workers", "perProcess", 1L, 1024L, "perProcess: 2"));
    }

    private static String yaml(String section, String key, String value) {
        return section + ":\n  " + key + ": " + value + "\n";
    }

    @ParameterizedTest(name = "{0}.{1} below {2}")
    @MethodSource("integerKeys")
    void anIntegerBelowItsRangeIsRefused(String section, String key, long min, long max, String example) {
        String k = section + "." + key;
        assertThat(ConfigFiles.problems(dir, yaml(section, key, String.valueOf(min - 1))))
                .containsExactly(k + " must be " + min + ".." + max + ": " + k + "=" + (min - 1) + " (example: " + example + ")");
    }

    @ParameterizedTest(name = "{0}.{1} above {3}")
    @MethodSource("integerKeys")
    void anIntegerAboveItsRangeIsRefused(String section, String key, long min, long max, String example) {
        String k = section + "." + key;
        assertThat(ConfigFiles.problems(dir, yaml(section, key, String.valueOf(max + 1))))
                .containsExactly(k + " must be " + min + ".." + max + ": " + k + "=" + (max + 1) + " (example: " + example + ")");
    }

    @ParameterizedTest(name = "{0}.{1} not a number")
    @MethodSource("integerKeys")
    void aValueThatIsNotAWholeNumberIsRefused(String section, String key, long min, long max, String example) {
        String k = section + "." + key;
        String expected = k + " must be a whole number " + min + ".." + max + ": " + k + "=%s (example: " + example + ")";

        // The value is shown as its JSON token, so that a string is told from a number.
        assertThat(ConfigFiles.problems(dir, yaml(section, key, "lots"))).containsExactly(String.format(expected, "\"lots\""));
        assertThat(ConfigFiles.problems(dir, yaml(section, key, "2.5"))).containsExactly(String.format(expected, "2.5"));
        assertThat(ConfigFiles.problems(dir, yaml(section, key, "[1]"))).containsExactly(String.format(expected, "[1]"));
    }

    @ParameterizedTest(name = "{0}.{1} limits accepted")
    @MethodSource("integerKeys")
    void theLimitsThemselvesAreAccepted(String section, String key, long min, long max, String example) {
        // The layout's widths only make sense together, and datacenter/worker are checked against the layout later.
        if (section.equals("layout") && !key.equals("lifetimeWarningDays") || section.equals("generator")
                && (key.equals("datacenter") || key.equals("worker"))) {
            assertThat(ConfigFiles.problems(dir, yaml(section, key, String.valueOf(min)))).allSatisfy(p -> assertThat(p)
                    .doesNotStartWith(section + "." + key));
            return;
        }
        assertThat(ConfigFiles.problems(dir, yaml(section, key, String.valueOf(min)))).isEmpty();
        assertThat(ConfigFiles.problems(dir, yaml(section, key, String.valueOf(max)))).isEmpty();
    }

    @Test
    void aWholeNumberWrittenWithAFractionIsRead() {
        IdmintConfig cfg = ConfigFiles.load(dir, "generator:\n  worker: 3.0\n");

        assertThat(cfg.defaultGenerator().generator().worker()).isEqualTo(3);
    }

    @Test
    void aNumberBeyondLongIsNotAWholeNumber() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: 99999999999999999999\n")).containsExactly(
                "generator.worker must be a whole number 0..2147483647: generator.worker=99999999999999999999 (example: worker: 3)");
    }

    @Test
    void aQuotedNumberIsNotAWholeNumberAndIsShownQuoted() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  datacenter: \"5\"\n")).containsExactly(
                "generator.datacenter must be a whole number 0..2147483647: generator.datacenter=\"5\" (example: datacenter: 1)");
        assertThat(ConfigFiles.problems(dir, "http:\n  port: '8080'\n")).containsExactly(
                "http.port must be a whole number 0..65535: http.port=\"8080\" (example: port: 8080)");
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: \"\"\n")).containsExactly(
                "generator.worker must be a whole number 0..2147483647: generator.worker=\"\" (example: worker: 3)");
    }

    @Test
    void otherValuesThatAreNotNumbersAreShownAsWritten() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: true\n  datacenter: {a: 1}\n")).containsExactly(
                "generator.datacenter must be a whole number 0..2147483647: generator.datacenter={\"a\":1} (example: datacenter: 1)",
                "generator.worker must be a whole number 0..2147483647: generator.worker=true (example: worker: 3)");
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: ~\n")).containsExactly(
                "generator.worker must be a whole number 0..2147483647: generator.worker=null (example: worker: 3)");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            clock          | sundial   | generator.clock must be one of [system, monotonic]: generator.clock=sundial (example: clock: system)
            rollbackPolicy | sometimes | generator.rollbackPolicy must be one of [wait, logical-offset, fail-fast]: generator.rollbackPolicy=sometimes (example: rollbackPolicy: wait)
            rollbackPolicy | logical   | generator.rollbackPolicy must be one of [wait, logical-offset, fail-fast]: generator.rollbackPolicy=logical (example: rollbackPolicy: wait)
            overflowPolicy | maybe     | generator.overflowPolicy must be one of [spin, borrow]: generator.overflowPolicy=maybe (example: overflowPolicy: spin)
            overflowPolicy | 3         | generator.overflowPolicy must be one of [spin, borrow]: generator.overflowPolicy=3 (example: overflowPolicy: spin)
            """)
    void aGeneratorChoiceOutsideItsListIsRefused(String key, String value, String problem) {
        assertThat(ConfigFiles.problems(dir, yaml("generator", key, value))).containsExactly(problem);
    }

    @Test
    void anAllocationOutsideItsListIsRefused() {
        assertThat(ConfigFiles.problems(dir, yaml("workers", "allocation", "dynamic"))).containsExactly(
                "workers.allocation must be one of [static, zookeeper, etcd, hybrid]: workers.allocation=dynamic"
                        + " (example: allocation: zookeeper)");
    }

    @Test
    void aBadChoiceKeepsTheValueItWouldHaveHad() {
        IdmintConfig cfg = ConfigFiles.read(dir, "generator:\n  clock: sundial\n  overflowPolicy: maybe\nworkers:\n  allocation: x\n");

        assertThat(cfg.defaultGenerator().generator().clock()).isEqualTo(ClockKind.SYSTEM);
        assertThat(cfg.defaultGenerator().generator().overflowPolicy()).isEqualTo(SequenceOverflowPolicy.spinToNextTick());
        assertThat(cfg.defaultGenerator().workers().allocation()).isEqualTo(AllocationKind.STATIC);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            WAIT           | wait
            Logical_Offset | logical-offset
            FAIL-FAST      | fail-fast
            """)
    void choicesIgnoreCaseAndAcceptUnderscores(String written, String meant) {
        ClockRollbackPolicy expected = switch (meant) {
            case "wait" -> ClockRollbackPolicy.waitUpTo(Duration.ofMillis(250));
            case "logical-offset" -> ClockRollbackPolicy.logicalOffset(Duration.ofMillis(750));
            default -> ClockRollbackPolicy.failFast();
        };
        IdmintConfig cfg = ConfigFiles.load(dir, "generator:\n  rollbackPolicy: " + written
                + "\n  rollbackMaxWaitMillis: 250\n  rollbackMaxLeadMillis: 750\n  clock: MONOTONIC\nworkers:\n  allocation: Static\n");

        assertThat(cfg.defaultGenerator().generator().rollbackPolicy()).isEqualTo(expected);
        assertThat(cfg.defaultGenerator().generator().clock()).isEqualTo(ClockKind.MONOTONIC);
        assertThat(cfg.defaultGenerator().workers().allocation()).isEqualTo(AllocationKind.STATIC);
    }

    @Test
    void aPolicyBoundWithoutItsPolicyMeansTheDefaultKind() {
        IdmintConfig cfg = ConfigFiles.load(dir, "generator:\n  rollbackMaxWaitMillis: 40\n  overflowMaxLeadMillis: 7\n");

        assertThat(cfg.defaultGenerator().generator().rollbackPolicy()).isEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofMillis(40)));
        assertThat(cfg.defaultGenerator().generator().overflowPolicy()).isEqualTo(SequenceOverflowPolicy.spinToNextTick());
    }

    @Test
    void theTopLevelsPoliciesStartFromTheDefaultOnes() {
        // The default is wait up to 1000 ms: a lead bound alone does not turn it into logical-offset.
        assertThat(ConfigFiles.load(dir, "generator:\n  rollbackMaxLeadMillis: 40\n").defaultGenerator().generator().rollbackPolicy())
                .isEqualTo(ClockRollbackPolicy.defaultPolicy())
                .isEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1)));
        assertThat(ConfigFiles.load(dir, "generator:\n  rollbackPolicy: logical-offset\n  rollbackMaxWaitMillis: 40\n")
                .defaultGenerator().generator().rollbackPolicy()).isEqualTo(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(1)));
        assertThat(ConfigFiles.load(dir, "generator:\n  rollbackPolicy: wait\n").defaultGenerator().generator().rollbackPolicy())
                .isEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1)));
        assertThat(ConfigFiles.load(dir, "generator:\n  overflowMaxLeadMillis: 7\n  overflowPolicy: borrow\n").defaultGenerator()
                .generator().overflowPolicy()).isEqualTo(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(7)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            range       | abc    | workers.range must look like first..last: workers.range=abc (example: range: 16..31)
            range       | 1..    | workers.range must look like first..last: workers.range=1.. (example: range: 16..31)
            range       | 16-31  | workers.range must look like first..last: workers.range=16-31 (example: range: 16..31)
            staticRange | '1..x' | workers.staticRange must look like first..last: workers.staticRange=1..x (example: staticRange: 0..15)
            staticRange | ..15   | workers.staticRange must look like first..last: workers.staticRange=..15 (example: staticRange: 0..15)
            """)
    void aWorkerRangeThatDoesNotParseIsRefused(String key, String value, String problem) {
        assertThat(ConfigFiles.problems(dir, yaml("workers", key, "\"" + value + "\""))).containsExactly(problem);
    }

    @Test
    void aWorkerRangeIsFirstDotDotLastOrOneId() {
        Workers w = ConfigFiles.load(dir, "workers:\n  range: \" 16 .. 31 \"\n  staticRange: 7\n").defaultGenerator().workers();

        assertThat(w.rangeFirst()).isEqualTo(16);
        assertThat(w.rangeLast()).isEqualTo(31);
        assertThat(w.staticFirst()).isEqualTo(7);
        assertThat(w.staticLast()).isEqualTo(7);
    }

    @Test
    void anUnknownPresetIsRefusedWithTheKnownOnes() {
        assertThat(ConfigFiles.problems(dir, "layout:\n  preset: flake\n")).containsExactly("layout.preset layout must be one of"
                + " [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=flake (example: preset: default)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            yesterday
            2024-01-01
            1704067200000
            2024-13-01T00:00:00Z
            """)
    void anEpochThatIsNotAnIsoInstantIsRefused(String epoch) {
        assertThat(ConfigFiles.problems(dir, "layout:\n  epoch: \"" + epoch + "\"\n")).containsExactly("layout.epoch must be an"
                + " ISO-8601 instant: layout.epoch=" + epoch + " (example: epoch: \"2024-01-01T00:00:00Z\")");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [timestamp, dc, worker, sequence]   | dc
            [timestamp, datacenter, worker, 7]  | 7
            [time, datacenter, worker, seq]     | time
            """)
    void anOrderEntryThatIsNotAFieldIsRefused(String order, String found) {
        assertThat(ConfigFiles.problems(dir, "layout:\n  order: " + order + "\n")).containsExactly("layout.order entries must be"
                + " timestamp, datacenter, worker or sequence: found " + found
                + " (example: order: [timestamp, datacenter, worker, sequence])");
    }

    static Stream<Arguments> layoutBuilderProblems() {
        return Stream.of(
                Arguments.of("timestampBits: 50\n  datacenterBits: 10\n  workerBits: 10",
                        new String[] {"layout: field widths must sum to at most 64 bits: sum=82"
                                + " {TIMESTAMP=50, DATACENTER=10, WORKER=10, SEQUENCE=12}" + LAYOUT_EXAMPLE}),
                Arguments.of("order: [sequence, timestamp, worker, datacenter]",
                        new String[] {"layout: order must place timestamp above sequence, or IDs would not increase:"
                                + " order=[SEQUENCE, TIMESTAMP, WORKER, DATACENTER]" + LAYOUT_EXAMPLE}),
                Arguments.of("order: [timestamp, worker, sequence]\n  name: Bad Name",
                        new String[] {"layout: name must match [a-z0-9][a-z0-9._-]{0,63}: name=Bad Name" + LAYOUT_EXAMPLE,
                                "layout: order must list each of [TIMESTAMP, DATACENTER, WORKER, SEQUENCE] once:"
                                        + " order=[TIMESTAMP, WORKER, SEQUENCE]" + LAYOUT_EXAMPLE}),
                Arguments.of("order: [timestamp, datacenter, worker, sequence, worker]",
                        new String[] {"layout: order must list each of [TIMESTAMP, DATACENTER, WORKER, SEQUENCE] once:"
                                + " order=[TIMESTAMP, DATACENTER, WORKER, SEQUENCE, WORKER]" + LAYOUT_EXAMPLE}),
                Arguments.of("order: []",
                        new String[] {"layout: order must list each of [TIMESTAMP, DATACENTER, WORKER, SEQUENCE] once:"
                                + " order=[]" + LAYOUT_EXAMPLE}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutBuilderProblems")
    void theLayoutsOwnRulesAreReportedUnderLayout(String keys, String[] problems) {
        assertThat(ConfigFiles.problems(dir, "layout:\n  " + keys + "\n")).containsExactly(problems);
    }

    /** The reader's limit is the layout builder's, so 63 is refused as a value of its own, not by the builder's rule. */
    @Test
    void timestampBitsAreReadUpToTheBuildersLimitOf62() {
        assertThat(ConfigFiles.problems(dir, "layout:\n  timestampBits: 63\n  datacenterBits: 0\n  workerBits: 0\n  sequenceBits: 0\n"))
                .containsExactly("layout.timestampBits must be 1..62: layout.timestampBits=63 (example: timestampBits: 41)");
        GeneratorSettings g = ConfigFiles.load(dir, "layout:\n  timestampBits: 62\n  datacenterBits: 0\n  workerBits: 0\n"
                + "  sequenceBits: 2\n").defaultGenerator().generator();
        assertThat(g.layout().width(io.idmint.core.Field.TIMESTAMP)).isEqualTo(62);
        assertThat(g.layout().width(io.idmint.core.Field.SEQUENCE)).isEqualTo(2);
    }

    @Test
    void anEpochInTheFutureIsRefused() {
        assertThat(ConfigFiles.problems(dir, "layout:\n  epoch: \"2999-01-01T00:00:00Z\"\n")).singleElement().asString()
                .matches(Pattern.quote("layout: epoch must be between 1970-01-01T00:00:00Z and now (") + "[0-9T:.Z-]+"
                        + Pattern.quote("): epoch=2999-01-01T00:00:00Z" + LAYOUT_EXAMPLE));
    }

    @Test
    void anEpochBefore1970IsRefused() {
        assertThat(ConfigFiles.problems(dir, "layout:\n  epoch: \"1969-12-31T23:59:59Z\"\n")).singleElement().asString()
                .matches(Pattern.quote("layout: epoch must be between 1970-01-01T00:00:00Z and now (") + "[0-9T:.Z-]+"
                        + Pattern.quote("): epoch=1969-12-31T23:59:59Z" + LAYOUT_EXAMPLE));
    }

    @Test
    void aLayoutWhoseLifeHasEndedIsRefused() {
        assertThat(ConfigFiles.problems(dir, "layout:\n  timestampBits: 20\n")).singleElement().asString()
                .matches(Pattern.quote("layout: layout 'default-custom' ended its life at 2024-01-01T00:17:28.576Z: its 20-bit"
                        + " timestamp from epoch 2024-01-01T00:00:00Z cannot hold now (") + "[0-9T:.Z-]+"
                        + Pattern.quote(")" + LAYOUT_EXAMPLE));
    }

    @Test
    void aLayoutWithProblemsKeepsTheLayoutItStartedFrom() {
        IdmintConfig cfg = ConfigFiles.read(dir, "layout:\n  preset: twitter\n  workerBits: 40\n");

        assertThat(cfg.defaultGenerator().generator().layout()).isEqualTo(GeneratorSettings.DEFAULT.layout());
    }

    @Test
    void ordinalFromHostnameTakesTheWorkerFromTheHostsOrdinal() {
        // Hostnames.local() reads HOSTNAME, which this test cannot set: expect what that host implies.
        String host = Hostnames.local();
        OptionalLong ordinal = Hostnames.ordinal(host);
        String yaml = "layout:\n  datacenterBits: 0\n  workerBits: 31\n  sequenceBits: 0\n  timestampBits: 32\n  tickMillis: 1000\n"
                + "workers:\n  ordinalFromHostname: true\n";

        if (ordinal.isPresent()) {
            GeneratorSettings g = ConfigFiles.load(dir, yaml).defaultGenerator().generator();
            assertThat(g.worker()).isEqualTo(ordinal.getAsLong());
            assertThat(g.workerGiven()).isTrue();
        } else {
            assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("workers.ordinalFromHostname needs a hostname ending in -N,"
                    + " as StatefulSet pods have (idmint-3 -> worker 3): hostname=" + host + " (example: hostname idmint-3)");
        }
    }

    @ParameterizedTest(name = "ordinalFromHostname: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            maybe    | "maybe"
            "true"   | "true"
            'yes'    | "yes"
            1        | 1
            ~        | null
            [true]   | [true]
            """)
    void ordinalFromHostnameMustBeABoolean(String value, String shown) {
        String yaml = "generator:\n  worker: 4\nworkers:\n  ordinalFromHostname: " + value + "\n";

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("workers.ordinalFromHostname must be true or false:"
                + " workers.ordinalFromHostname=" + shown + " (example: ordinalFromHostname: true)");
        assertThat(ConfigFiles.read(dir, yaml).defaultGenerator().generator().worker()).isEqualTo(4);
    }

    @Test
    void ordinalFromHostnameFalseLeavesTheWorkerAlone() {
        GeneratorSettings g = ConfigFiles.load(dir, "generator:\n  worker: 4\nworkers:\n  ordinalFromHostname: false\n")
                .defaultGenerator().generator();

        assertThat(g.worker()).isEqualTo(4);
        assertThat(ConfigFiles.load(dir, "workers:\n  ordinalFromHostname: false\n").defaultGenerator().generator().workerGiven())
                .isFalse();
    }
}
