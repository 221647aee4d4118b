package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.SequenceOverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code generators:}: named generators start from the top level's settings and override what they set. */
class NamedGeneratorsTest {
    /** A top level that sets something in every section a named generator inherits, leased so that copies do not collide. */
    private static final String TOP = """
            layout:
              preset: twitter
              lifetimeWarningDays: 90
            generator:
              datacenter: 2
              worker: 7
              clock: monotonic
              rollbackPolicy: fail-fast
              overflowPolicy: borrow
              overflowMaxLeadMillis: 20
              stateDir: /var/lib/idmint
              reservationWindowMillis: 500
              maxStartupWaitMillis: 100
            workers:
              allocation: zookeeper
              zookeeper: zk:2181
              cluster: prod
              region: eu
              range: 0..15
              leaseTtlMillis: 12000
            """;

    @TempDir
    Path dir;

    @Test
    void aNamedGeneratorWithoutSectionsIsTheTopLevelUnderItsOwnName() {
        IdmintConfig cfg = ConfigFiles.load(dir, TOP + "generators:\n  orders:\n  billing: {}\n");
        GeneratorConfig top = cfg.defaultGenerator();

        assertThat(top.generator().layout().name()).isEqualTo("twitter");
        assertThat(top.generator().overflowPolicy()).isEqualTo(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(20)));
        assertThat(cfg.named()).containsExactly(new GeneratorConfig("orders", top.generator(), top.workers()),
                new GeneratorConfig("billing", top.generator(), top.workers()));
    }

    @Test
    void withoutGeneratorsThereAreNoNamedOnes() {
        assertThat(ConfigFiles.load(dir, TOP).named()).isEmpty();
        assertThat(ConfigFiles.load(dir, TOP + "generators:\n").named()).isEmpty();
        assertThat(ConfigFiles.load(dir, TOP + "generators: {}\n").named()).isEmpty();
        assertThat(ConfigFiles.load(dir, TOP).generators()).hasSize(1);
    }

    @Test
    void aNamedGeneratorOverridesOnlyWhatItSets() {
        IdmintConfig cfg = ConfigFiles.load(dir, TOP + """
                generators:
                  orders:
                    layout: {preset: default}
                    generator: {worker: 3}
                    workers: {range: 16..31, region: us}
                """);
        GeneratorConfig top = cfg.defaultGenerator();
        GeneratorConfig orders = cfg.named().get(0);

        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.generator()).isEqualTo(top.generator().withLayout(BitLayout.preset("default")).withWorker(3));
        assertThat(orders.workers()).isEqualTo(top.workers().withRange(16, 31).withNames("prod", "us"));
        assertThat(orders.generator().lifetimeWarningDays()).isEqualTo(90);
    }

    @Test
    void aNamedLayoutStartsFromTheTopLevelsLayout() {
        IdmintConfig cfg = ConfigFiles.load(dir, TOP + "generators:\n  orders:\n    layout: {workerBits: 6, sequenceBits: 11}\n");
        BitLayout twitter = BitLayout.preset("twitter");

        assertThat(cfg.named().get(0).generator().layout())
                .isEqualTo(twitter.toBuilder().name("twitter-custom").workerBits(6).sequenceBits(11).build());
        assertThat(cfg.defaultGenerator().generator().layout()).isEqualTo(twitter);
    }

    @Test
    void aNamedGeneratorCanChangeItsAllocation() {
        IdmintConfig cfg = ConfigFiles.load(dir, TOP + """
                generators:
                  orders:
                    generator: {worker: 9}
                    workers: {allocation: static}
                  billing:
                    workers: {allocation: etcd, etcd: "http://e:2379", zookeeper: ""}
                """);

        assertThat(cfg.named().get(0).workers()).isEqualTo(cfg.defaultGenerator().workers().withAllocation(AllocationKind.STATIC));
        assertThat(cfg.named().get(1).workers()).isEqualTo(cfg.defaultGenerator().workers().withAllocation(AllocationKind.ETCD)
                .withCoordinator(null, "http://e:2379"));
    }

    @Test
    void aNamedGeneratorCanSetItsOwnPoliciesAndStateDir() {
        GeneratorSettings g = ConfigFiles.load(dir, TOP + """
                generators:
                  orders:
                    generator:
                      rollbackPolicy: wait
                      rollbackMaxWaitMillis: 300
                      overflowPolicy: spin
                      stateDir: ""
                      clock: system
                """).named().get(0).generator();

        assertThat(g.rollbackPolicy()).isEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofMillis(300)));
        assertThat(g.overflowPolicy()).isEqualTo(SequenceOverflowPolicy.spinToNextTick());
        assertThat(g.stateDir()).isNull();
        assertThat(g.clock()).isEqualTo(ClockKind.SYSTEM);
        assertThat(g.worker()).isEqualTo(7);
        assertThat(g.workerGiven()).isTrue();
    }

    private static ClockRollbackPolicy waitUpTo(long millis) {
        return ClockRollbackPolicy.waitUpTo(Duration.ofMillis(millis));
    }

    private static ClockRollbackPolicy logicalOffset(long millis) {
        return ClockRollbackPolicy.logicalOffset(Duration.ofMillis(millis));
    }

    private static SequenceOverflowPolicy borrow(long millis) {
        return SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(millis));
    }

    private static final String LOGICAL_BORROW = "rollbackPolicy: logical-offset, rollbackMaxLeadMillis: 750, overflowPolicy: borrow,"
            + " overflowMaxLeadMillis: 20";
    private static final String WAIT_250 = "rollbackPolicy: wait, rollbackMaxWaitMillis: 250";

    /** The top level's generator keys, the named generator's, and the policies the named one ends up with. */
    static Stream<Arguments> inheritedPolicies() {
        SequenceOverflowPolicy spin = SequenceOverflowPolicy.spinToNextTick();
        return Stream.of(
                // a bound alone keeps the inherited kind and changes only that bound
                Arguments.of(LOGICAL_BORROW, "rollbackMaxLeadMillis: 300", logicalOffset(300), borrow(20)),
                Arguments.of(LOGICAL_BORROW, "overflowMaxLeadMillis: 5", logicalOffset(750), borrow(5)),
                Arguments.of(WAIT_250, "rollbackMaxWaitMillis: 300", waitUpTo(300), spin),
                // a bound of another kind leaves the inherited policy as it is
                Arguments.of(LOGICAL_BORROW, "rollbackMaxWaitMillis: 300", logicalOffset(750), borrow(20)),
                Arguments.of(WAIT_250, "rollbackMaxLeadMillis: 300", waitUpTo(250), spin),
                Arguments.of("rollbackPolicy: fail-fast", "rollbackMaxWaitMillis: 300", ClockRollbackPolicy.failFast(), spin),
                // a kind alone keeps the inherited bound when the kind is the same
                Arguments.of(LOGICAL_BORROW, "rollbackPolicy: logical-offset", logicalOffset(750), borrow(20)),
                Arguments.of(LOGICAL_BORROW, "overflowPolicy: borrow", logicalOffset(750), borrow(20)),
                Arguments.of(WAIT_250, "rollbackPolicy: wait", waitUpTo(250), spin),
                // ... and starts from 1000 ms when it is another
                Arguments.of(LOGICAL_BORROW, "rollbackPolicy: wait", waitUpTo(1000), borrow(20)),
                Arguments.of(WAIT_250, "rollbackPolicy: logical-offset", logicalOffset(1000), spin),
                Arguments.of("rollbackPolicy: fail-fast", "rollbackPolicy: wait", waitUpTo(1000), spin),
                Arguments.of(LOGICAL_BORROW, "overflowPolicy: spin", logicalOffset(750), spin),
                // both given: the named generator's own
                Arguments.of(LOGICAL_BORROW, "rollbackPolicy: wait, rollbackMaxWaitMillis: 40, overflowPolicy: borrow,"
                        + " overflowMaxLeadMillis: 3", waitUpTo(40), borrow(3)),
                Arguments.of(WAIT_250, "overflowPolicy: borrow, overflowMaxLeadMillis: 8", waitUpTo(250), borrow(8)));
    }

    @ParameterizedTest(name = "top {0}; orders {1}")
    @MethodSource("inheritedPolicies")
    void aNamedGeneratorInheritsTheTopLevelsPolicies(String top, String named, ClockRollbackPolicy rollback,
                                                     SequenceOverflowPolicy overflow) {
        IdmintConfig cfg = ConfigFiles.load(dir, "generator: {" + top + "}\nworkers: {allocation: zookeeper, zookeeper: \"zk:2181\"}\n"
                + "generators:\n  orders:\n    generator: {" + named + "}\n");
        GeneratorSettings orders = cfg.named().get(0).generator();
        ClockRollbackPolicy topRollback = cfg.defaultGenerator().generator().rollbackPolicy();

        assertThat(orders.rollbackPolicy()).isEqualTo(rollback);
        assertThat(orders.overflowPolicy()).isEqualTo(overflow);
        assertThat(orders).isEqualTo(cfg.defaultGenerator().generator().withPolicies(rollback, overflow));
        assertThat(topRollback.name()).isEqualTo(top.contains("logical-offset") ? "logical-offset"
                : top.contains("fail-fast") ? "fail-fast" : "wait");
    }

    @Test
    void aBadPolicyInANamedGeneratorKeepsTheInheritedKind() {
        String yaml = "generator: {" + LOGICAL_BORROW + "}\nworkers: {allocation: zookeeper, zookeeper: \"zk:2181\"}\n"
                + "generators:\n  orders:\n    generator: {rollbackPolicy: sometimes, rollbackMaxLeadMillis: 300,"
                + " overflowPolicy: maybe, overflowMaxLeadMillis: 5}\n";

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly(
                "generators.orders.generator.rollbackPolicy must be one of [wait, logical-offset, fail-fast]:"
                        + " generators.orders.generator.rollbackPolicy=sometimes (example: rollbackPolicy: wait)",
                "generators.orders.generator.overflowPolicy must be one of [spin, borrow]:"
                        + " generators.orders.generator.overflowPolicy=maybe (example: overflowPolicy: spin)");
        GeneratorSettings orders = ConfigFiles.read(dir, yaml).named().get(0).generator();
        assertThat(orders.rollbackPolicy()).isEqualTo(logicalOffset(300));
        assertThat(orders.overflowPolicy()).isEqualTo(borrow(5));
    }

    @Test
    void aNamedOverrideOfACustomisedLayoutKeepsItsCustomName() {
        IdmintConfig cfg = ConfigFiles.load(dir, """
                layout: {workerBits: 6, sequenceBits: 11}
                generators:
                  orders:
                    layout: {sequenceBits: 10}
                  billing:
                    layout: {sequenceBits: 9, name: billing-layout}
                """);

        assertThat(cfg.defaultGenerator().generator().layout().name()).isEqualTo("default-custom");
        assertThat(cfg.named().get(0).generator().layout())
                .isEqualTo(BitLayout.DEFAULT.toBuilder().name("default-custom").workerBits(6).sequenceBits(10).build());
        assertThat(cfg.named().get(1).generator().layout().name()).isEqualTo("billing-layout");
        assertThat(ConfigFiles.load(dir, "layout: {preset: twitter, workerBits: 6, sequenceBits: 11}\n"
                + "generators:\n  orders:\n    layout: {sequenceBits: 10}\n").named().get(0).generator().layout().name())
                .isEqualTo("twitter-custom");
    }

    @Test
    void aNamedOverrideOfANamedLayoutIsThatNameCustomised() {
        IdmintConfig cfg = ConfigFiles.load(dir, "layout: {name: ours, workerBits: 6, sequenceBits: 11}\n"
                + "generators:\n  orders:\n    layout: {sequenceBits: 10}\n  billing:\n    layout: {lifetimeWarningDays: 10}\n"
                + "    generator: {worker: 1}\n");

        assertThat(cfg.defaultGenerator().generator().layout().name()).isEqualTo("ours");
        assertThat(cfg.named().get(0).generator().layout().name()).isEqualTo("ours-custom");
        assertThat(cfg.named().get(1).generator().layout().name()).isEqualTo("ours");
    }

    @Test
    void namedGeneratorsKeepTheFilesOrder() {
        IdmintConfig cfg = ConfigFiles.load(dir, TOP + "generators:\n  zeta:\n  alpha:\n  mid-1:\n  b_2:\n  '7':\n");

        assertThat(cfg.named()).extracting(GeneratorConfig::name).containsExactly("zeta", "alpha", "mid-1", "b_2", "7");
        assertThat(cfg.generators()).extracting(GeneratorConfig::name).containsExactly("default", "zeta", "alpha", "mid-1", "b_2", "7");
    }

    @Test
    void theHighWaterMarkOfANamedGeneratorLivesInAFolderOfItsOwn() {
        IdmintConfig cfg = ConfigFiles.load(dir, "generator:\n  stateDir: /var/lib/idmint\n  datacenter: 1\n  worker: 2\n"
                + "generators:\n  orders:\n    generator: {worker: 3}\n  billing:\n    generator: {worker: 4, stateDir: \"\"}\n");

        assertThat(cfg.defaultGenerator().highWaterMarkFile()).contains(Path.of("/var/lib/idmint/worker-dc1-w2.hwm"));
        assertThat(cfg.named().get(0).highWaterMarkFile()).contains(Path.of("/var/lib/idmint/orders/worker-dc1-w3.hwm"));
        assertThat(cfg.named().get(1).highWaterMarkFile()).isEmpty();
    }

    @Test
    void theHighWaterMarkFileFollowsTheRecord() {
        GeneratorConfig g = new GeneratorConfig("orders", GeneratorSettings.DEFAULT.withDatacenter(5).withWorker(17), Workers.STATIC);

        assertThat(g.highWaterMarkFile()).contains(Path.of("data", "orders", "worker-dc5-w17.hwm"));
        assertThat(GeneratorConfig.DEFAULT.highWaterMarkFile()).contains(Path.of("data", "worker-dc0-w0.hwm"));
    }

    @Test
    void problemsOfANamedGeneratorArePrefixedWithItsName() {
        assertThat(ConfigFiles.problems(dir, """
                generators:
                  orders:
                    layout: {tickMillis: 0}
                    generator: {worker: x, clock: sundial}
                    workers: {allocation: dynamic, range: abc, perProcess: 0}
                """)).containsExactly(
                "generators.orders.layout.tickMillis must be 1..1000: generators.orders.layout.tickMillis=0 (example: tickMillis: 1)",
                "generators.orders.generator.worker must be a whole number 0..2147483647: generators.orders.generator.worker=\"x\""
                        + " (example: worker: 3)",
                "generators.orders.generator.clock must be one of [system, monotonic]: generators.orders.generator.clock=sundial"
                        + " (example: clock: system)",
                "generators.orders.workers.allocation must be one of [static, zookeeper, etcd, hybrid]:"
                        + " generators.orders.workers.allocation=dynamic (example: allocation: zookeeper)",
                "generators.orders.workers.range must look like first..last: generators.orders.workers.range=abc (example: range: 16..31)",
                "generators.orders.workers.perProcess must be 1..1024: generators.orders.workers.perProcess=0 (example: perProcess: 2)");
    }

    @Test
    void crossFieldProblemsOfANamedGeneratorArePrefixedWithItsName() {
        // billing's layout does not read, which skips billing's own checks but not those of orders.
        assertThat(ConfigFiles.problems(dir, """
                generators:
                  orders:
                    generator: {worker: 40, datacenter: 1}
                    workers: {allocation: etcd, range: 0..32}
                  billing:
                    layout: {order: [sequence, timestamp, worker, datacenter]}
                """)).containsExactly(
                "generators.billing.layout: order must place timestamp above sequence, or IDs would not increase:"
                        + " order=[SEQUENCE, TIMESTAMP, WORKER, DATACENTER]"
                        + " (example: timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12)",
                "generators.orders.generator.worker must be 0..31 for layout 'default': generators.orders.generator.worker=40"
                        + " (example: worker: 3)",
                "generators.orders.workers.range must lie within 0..31 for layout 'default': generators.orders.workers.range=0..32"
                        + " (example: range: 16..31)",
                "generators.orders.workers.allocation=etcd needs generators.orders.workers.etcd: zookeeper=null etcd=null"
                        + " (example: etcd: http://127.0.0.1:2379)");
        assertThat(ConfigFiles.problems(dir, """
                generators:
                  orders:
                    generator: {worker: 40, datacenter: 1}
                    workers: {allocation: etcd, range: 0..32}
                """)).containsExactly(
                "generators.orders.generator.worker must be 0..31 for layout 'default': generators.orders.generator.worker=40"
                        + " (example: worker: 3)",
                "generators.orders.workers.range must lie within 0..31 for layout 'default': generators.orders.workers.range=0..32"
                        + " (example: range: 16..31)",
                "generators.orders.workers.allocation=etcd needs generators.orders.workers.etcd: zookeeper=null etcd=null"
                        + " (example: etcd: http://127.0.0.1:2379)");
    }

    @Test
    void aNamedHybridGeneratorsStaticWorkerIsCheckedUnderItsName() {
        assertThat(ConfigFiles.problems(dir, """
                generators:
                  orders:
                    generator: {worker: 20}
                    workers: {allocation: hybrid, zookeeper: "zk:2181", staticRange: 0..15, range: 16..31}
                """)).containsExactly("a static worker ID under hybrid allocation must lie in generators.orders.workers.staticRange"
                + " 0..15: worker=20 (leave it unset to lease one from 16..31)");
    }

    @Test
    void aWorkerGivenAtTheTopLevelIsGivenInTheNamedOnesToo() {
        // Under hybrid the inherited given worker must lie in the named generator's static range as well.
        assertThat(ConfigFiles.problems(dir, """
                generator: {worker: 3}
                workers: {allocation: hybrid, zookeeper: "zk:2181", staticRange: 0..7, range: 8..31}
                generators:
                  orders:
                    workers: {staticRange: 16..23, range: 0..15}
                """)).containsExactly("a static worker ID under hybrid allocation must lie in generators.orders.workers.staticRange"
                + " 16..23: worker=3 (leave it unset to lease one from 0..15)");
    }

    @Test
    void ordinalFromHostnameInANamedGeneratorIsReportedUnderItsName() {
        // Hostnames.local() reads HOSTNAME, which this test cannot set: expect what that host implies.
        String host = Hostnames.local();
        String yaml = "layout:\n  datacenterBits: 0\n  workerBits: 31\n  sequenceBits: 0\n  timestampBits: 32\n  tickMillis: 1000\n"
                + "workers: {allocation: zookeeper, zookeeper: \"zk:2181\"}\n"
                + "generators:\n  orders:\n    workers: {ordinalFromHostname: true}\n";

        if (Hostnames.ordinal(host).isPresent()) {
            IdmintConfig cfg = ConfigFiles.load(dir, yaml);
            assertThat(cfg.named().get(0).generator().worker()).isEqualTo(Hostnames.ordinal(host).getAsLong());
            assertThat(cfg.named().get(0).generator().workerGiven()).isTrue();
            assertThat(cfg.defaultGenerator().generator().workerGiven()).isFalse();
        } else {
            assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("generators.orders.workers.ordinalFromHostname needs a"
                    + " hostname ending in -N, as StatefulSet pods have (idmint-3 -> worker 3): hostname=" + host
                    + " (example: hostname idmint-3)");
        }
    }

    @Test
    void ordinalFromHostnameInANamedGeneratorMustBeABoolean() {
        String yaml = TOP + "generators:\n  orders:\n    workers: {ordinalFromHostname: maybe}\n";

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("generators.orders.workers.ordinalFromHostname must be true or"
                + " false: generators.orders.workers.ordinalFromHostname=\"maybe\" (example: ordinalFromHostname: true)");
        assertThat(ConfigFiles.read(dir, yaml).named().get(0).generator().worker()).isEqualTo(7);
    }

    @Test
    void aGeneratorNamedDefaultIsRefused() {
        assertThat(ConfigFiles.problems(dir, "generators:\n  default:\n    generator: {worker: 1}\n")).containsExactly(
                "generators.default: the top level's sections are the default generator; name this one differently"
                        + " (example: generators: {orders: {}})");
        assertThat(ConfigFiles.read(dir, "generators:\n  default:\n    generator: {worker: 1}\n").named()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Orders", "-orders", "_orders", "has.dot", "has space",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void aNameThatCannotAppearInUrlsAndFileNamesIsRefused(String name) {
        String yaml = "generators:\n  \"" + name + "\":\n    generator: {worker: 1}\n";

        assertThat(ConfigFiles.problems(dir, yaml)).containsExactly("generators." + name + ": a generator name must match"
                + " [a-z0-9][a-z0-9_-]{0,62} (it appears in URLs, metrics and file names): name=" + name + " (example: orders)");
        assertThat(ConfigFiles.read(dir, yaml).named()).isEmpty();
    }

    @Test
    void theLongestNameIsAccepted() {
        String name = "a23456789012345678901234567890123456789012345678901234567890123";

        assertThat(name).hasSize(63);
        assertThat(ConfigFiles.load(dir, "generators:\n  " + name + ":\n    generator: {worker: 1}\n").named())
                .extracting(GeneratorConfig::name).containsExactly(name);
    }

    @Test
    void refusedGeneratorsDoNotHideTheOthers() {
        IdmintConfig cfg = ConfigFiles.read(dir, "generators:\n  Bad:\n  orders:\n    generator: {worker: 1}\n  billing: 3\n"
                + "  users:\n    generator: {worker: 2}\n");

        assertThat(cfg.named()).extracting(GeneratorConfig::name).containsExactly("orders", "users");
    }
}
