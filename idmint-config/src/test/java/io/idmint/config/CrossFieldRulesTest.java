package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules that need more than one setting: identity against the layout, workers, TLS, generators against each other. */
class CrossFieldRulesTest {
    private static final String DEFAULT_BITS = "timestamp:41,datacenter:5,worker:5,sequence:12;tick=1ms;epoch=1704067200000";

    @TempDir
    Path dir;

    private static GeneratorConfig generator(String name, GeneratorSettings settings, Workers workers) {
        return new GeneratorConfig(name, settings, workers);
    }

    private static GeneratorConfig leased(Workers workers) {
        return generator("default", GeneratorSettings.DEFAULT, workers);
    }

    private static final Workers ZOOKEEPER = Workers.STATIC.withAllocation(AllocationKind.ZOOKEEPER).withCoordinator("zk:2181", null);
    private static final Workers HYBRID = Workers.STATIC.withAllocation(AllocationKind.HYBRID).withCoordinator("zk:2181", null)
            .withRange(16, 31);

    private static Workers hybridStatic(int first, int last) {
        return new Workers(AllocationKind.HYBRID, "zk:2181", null, "default", "default", 16, 31, first, last, 10_000, 10_000, 2_000, 1);
    }

    // ---- datacenter and worker against the layout

    @Test
    void aDatacenterAndWorkerBeyondTheLayoutAreBothReported() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: 40\n  datacenter: 32\n")).containsExactly(
                "generator.datacenter must be 0..31 for layout 'default': generator.datacenter=32 (example: datacenter: 1)",
                "generator.worker must be 0..31 for layout 'default': generator.worker=40 (example: worker: 3)");
    }

    @Test
    void theExampleNeverExceedsTheLayoutsLimit() {
        assertThat(ConfigFiles.problems(dir, "layout:\n  preset: instagram\ngenerator:\n  worker: 8192\n  datacenter: 1\n")).containsExactly(
                "generator.datacenter must be 0..0 for layout 'instagram': generator.datacenter=1 (example: datacenter: 0)",
                "generator.worker must be 0..8191 for layout 'instagram': generator.worker=8192 (example: worker: 3)");
        assertThat(ConfigFiles.problems(dir, "layout:\n  workerBits: 1\n  sequenceBits: 16\ngenerator:\n  worker: 2\n")).containsExactly(
                "generator.worker must be 0..1 for layout 'default-custom': generator.worker=2 (example: worker: 1)");
    }

    @Test
    void theLayoutsLargestValuesAreAccepted() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: 31\n  datacenter: 31\n")).isEmpty();
        assertThat(ConfigFiles.problems(dir, "layout:\n  preset: instagram\ngenerator:\n  worker: 8191\n")).isEmpty();
    }

    @Test
    void identityIsCheckedOnRecordsToo() {
        GeneratorConfig g = generator("default", GeneratorSettings.DEFAULT.withDatacenter(-1).withWorker(32), Workers.STATIC);

        assertThat(g.problems()).containsExactly(
                "generator.datacenter must be 0..31 for layout 'default': generator.datacenter=-1 (example: datacenter: 1)",
                "generator.worker must be 0..31 for layout 'default': generator.worker=32 (example: worker: 3)");
        assertThatThrownBy(() -> g.validate("--worker"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).isEqualTo(g.problems()))
                .hasMessageStartingWith("--worker is invalid: generator.datacenter must be 0..31");
        GeneratorConfig fine = generator("default", GeneratorSettings.DEFAULT.withWorker(31), Workers.STATIC);
        assertThat(fine.validate("--worker")).isSameAs(fine);
    }

    @Test
    void aNamedGeneratorsRecordProblemsCarryItsPrefix() {
        GeneratorConfig g = generator("orders", GeneratorSettings.DEFAULT.withWorker(32), Workers.STATIC);

        assertThat(g.problems()).containsExactly("generators.orders.generator.worker must be 0..31 for layout 'default':"
                + " generators.orders.generator.worker=32 (example: worker: 3)");
    }

    // ---- workers

    static Stream<Arguments> rangesBeyondTheLayout() {
        return Stream.of(
                Arguments.of("16..40", "workers.range must lie within 0..31 for layout 'default': workers.range=16..40 (example: range: 16..31)"),
                Arguments.of("20..10", "workers.range must lie within 0..31 for layout 'default': workers.range=20..10 (example: range: 16..31)"),
                Arguments.of("\"-1..5\"", "workers.range must lie within 0..31 for layout 'default': workers.range=-1..5 (example: range: 16..31)"),
                Arguments.of("32", "workers.range must lie within 0..31 for layout 'default': workers.range=32..32 (example: range: 16..31)"),
                Arguments.of("40..", "workers.range must look like first..last: workers.range=40.. (example: range: 16..31)"));
    }

    @ParameterizedTest(name = "range: {0}")
    @MethodSource("rangesBeyondTheLayout")
    void aLeasedRangeMustLieWithinTheLayout(String range, String problem) {
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: zookeeper\n  zookeeper: zk:2181\n  range: " + range + "\n"))
                .containsExactly(problem);
    }

    @Test
    void anOpenRangeEndsAtTheLayoutsLargestWorker() {
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: etcd\n  etcd: http://e:2379\n  range: 0..31\n")).isEmpty();
        assertThat(ConfigFiles.problems(dir, "layout:\n  workerBits: 3\n  sequenceBits: 14\n"
                + "workers:\n  allocation: etcd\n  etcd: http://e:2379\n  range: 8\n")).containsExactly(
                "workers.range must lie within 0..7 for layout 'default-custom': workers.range=8..8 (example: range: 16..31)");
        assertThat(ZOOKEEPER.rangeLast(BitLayout.preset("instagram"))).isEqualTo(8191);
        assertThat(ZOOKEEPER.withRange(3, 9).rangeLast(BitLayout.preset("instagram"))).isEqualTo(9);
    }

    @Test
    void aStaticAllocationIgnoresTheLeasingSettings() {
        Workers w = new Workers(AllocationKind.STATIC, null, null, "c", "r", 40, 20, 50, 1, 10_000, 10_000, 2_000, 0);

        assertThat(leased(w).problems()).isEmpty();
    }

    static Stream<Arguments> missingCoordinators() {
        return Stream.of(
                Arguments.of("allocation: zookeeper", "workers.allocation=zookeeper needs workers.zookeeper: zookeeper=null etcd=null"
                        + " (example: zookeeper: 127.0.0.1:2181)"),
                Arguments.of("allocation: zookeeper\n  etcd: http://e:2379", "workers.allocation=zookeeper needs workers.zookeeper:"
                        + " zookeeper=null etcd=http://e:2379 (example: zookeeper: 127.0.0.1:2181)"),
                Arguments.of("allocation: etcd", "workers.allocation=etcd needs workers.etcd: zookeeper=null etcd=null"
                        + " (example: etcd: http://127.0.0.1:2379)"),
                Arguments.of("allocation: etcd\n  zookeeper: zk:2181", "workers.allocation=etcd needs workers.etcd: zookeeper=zk:2181"
                        + " etcd=null (example: etcd: http://127.0.0.1:2379)"),
                Arguments.of("allocation: hybrid\n  range: 16..31\n  staticRange: 0..15", "workers.allocation=hybrid needs exactly one of"
                        + " workers.zookeeper and workers.etcd: zookeeper=null etcd=null (example: zookeeper: 127.0.0.1:2181)"),
                Arguments.of("allocation: hybrid\n  zookeeper: zk:2181\n  etcd: http://e:2379\n  range: 16..31\n  staticRange: 0..15",
                        "workers.allocation=hybrid needs exactly one of workers.zookeeper and workers.etcd: zookeeper=zk:2181"
                                + " etcd=http://e:2379 (example: zookeeper: 127.0.0.1:2181)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingCoordinators")
    void aLeasedAllocationNeedsItsCoordinator(String workers, String problem) {
        assertThat(ConfigFiles.problems(dir, "workers:\n  " + workers + "\n")).containsExactly(problem);
    }

    @Test
    void eachAllocationIsContentWithItsOwnCoordinator() {
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: zookeeper\n  zookeeper: zk:2181\n")).isEmpty();
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: etcd\n  etcd: http://e:2379\n")).isEmpty();
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: hybrid\n  etcd: http://e:2379\n  range: 16..31\n"
                + "  staticRange: 0..15\n")).isEmpty();
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: zookeeper\n  zookeeper: zk:2181\n  etcd: http://e:2379\n")).isEmpty();
    }

    @Test
    void perProcessIsCheckedForLeasedAllocations() {
        assertThat(leased(ZOOKEEPER.withPerProcess(0)).problems())
                .containsExactly("workers.perProcess must be 1..1024: workers.perProcess=0 (example: perProcess: 2)");
        assertThat(leased(ZOOKEEPER.withPerProcess(1025)).problems())
                .containsExactly("workers.perProcess must be 1..1024: workers.perProcess=1025 (example: perProcess: 2)");
        assertThat(leased(ZOOKEEPER.withPerProcess(1024)).problems()).isEmpty();
        assertThat(leased(Workers.STATIC.withPerProcess(0)).problems()).isEmpty();
    }

    @Test
    void aHybridAllocationNeedsAStaticRange() {
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: hybrid\n  zookeeper: zk:2181\n  range: 16..31\n")).containsExactly(
                "workers.staticRange must lie within 0..31 for hybrid allocation: workers.staticRange=0..-1"
                        + " (example: staticRange: 0..15)");
    }

    @Test
    void aHybridStaticRangeMustLieWithinTheLayout() {
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: hybrid\n  zookeeper: zk:2181\n  range: 16..31\n"
                + "  staticRange: 0..40\n")).containsExactly("workers.staticRange must lie within 0..31 for hybrid allocation:"
                + " workers.staticRange=0..40 (example: staticRange: 0..15)");
        assertThat(leased(hybridStatic(10, 5)).problems()).containsExactly("workers.staticRange must lie within 0..31 for hybrid"
                + " allocation: workers.staticRange=10..5 (example: staticRange: 0..15)");
    }

    @Test
    void aHybridStaticRangeMustNotOverlapTheLeasedRange() {
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: hybrid\n  zookeeper: zk:2181\n  staticRange: 0..15\n"
                + "  range: 10..31\n")).containsExactly("workers.staticRange and workers.range must not overlap: staticRange=0..15"
                + " range=10..31 (example: staticRange: 0..15, range: 16..31)");
        // The leased range left open ends at the layout's largest worker, so any static range overlaps it.
        assertThat(ConfigFiles.problems(dir, "workers:\n  allocation: hybrid\n  zookeeper: zk:2181\n  staticRange: 30..31\n"))
                .containsExactly("workers.staticRange and workers.range must not overlap: staticRange=30..31 range=0..31"
                        + " (example: staticRange: 0..15, range: 16..31)");
    }

    @Test
    void adjacentHybridRangesDoNotOverlap() {
        assertThat(leased(hybridStatic(0, 15)).problems()).isEmpty();
        assertThat(leased(hybridStatic(0, 16)).problems()).containsExactly("workers.staticRange and workers.range must not overlap:"
                + " staticRange=0..16 range=16..31 (example: staticRange: 0..15, range: 16..31)");
        assertThat(leased(new Workers(AllocationKind.HYBRID, "zk:2181", null, "d", "d", 0, 15, 16, 31, 10_000, 10_000, 2_000, 1))
                .problems()).isEmpty();
    }

    @Test
    void aStaticWorkerUnderHybridMustLieInTheStaticRange() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: 20\nworkers:\n  allocation: hybrid\n  zookeeper: zk:2181\n"
                + "  staticRange: 0..15\n  range: 16..31\n")).containsExactly("a static worker ID under hybrid allocation must lie in"
                + " workers.staticRange 0..15: worker=20 (leave it unset to lease one from 16..31)");
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: 15\nworkers:\n  allocation: hybrid\n  zookeeper: zk:2181\n"
                + "  staticRange: 0..15\n  range: 16..31\n")).isEmpty();
    }

    @Test
    void anUngivenWorkerUnderHybridIsLeasedSoNotChecked() {
        GeneratorConfig notGiven = generator("default", GeneratorSettings.DEFAULT, hybridStatic(4, 15));
        GeneratorConfig given = generator("default", GeneratorSettings.DEFAULT.withWorker(0), hybridStatic(4, 15));

        assertThat(notGiven.problems()).isEmpty();
        assertThat(given.problems()).containsExactly("a static worker ID under hybrid allocation must lie in workers.staticRange"
                + " 4..15: worker=0 (leave it unset to lease one from 16..31)");
    }

    @Test
    void everyWorkersProblemIsListedAtOnce() {
        Workers w = new Workers(AllocationKind.HYBRID, null, null, "d", "d", 10, 40, 0, 15, 10_000, 10_000, 2_000, 0);

        assertThat(generator("orders", GeneratorSettings.DEFAULT.withWorker(99), w).problems()).containsExactly(
                "generators.orders.generator.worker must be 0..31 for layout 'default': generators.orders.generator.worker=99"
                        + " (example: worker: 3)",
                "generators.orders.workers.range must lie within 0..31 for layout 'default': generators.orders.workers.range=10..40"
                        + " (example: range: 16..31)",
                "generators.orders.workers.allocation=hybrid needs exactly one of generators.orders.workers.zookeeper and"
                        + " generators.orders.workers.etcd: zookeeper=null etcd=null (example: zookeeper: 127.0.0.1:2181)",
                "generators.orders.workers.perProcess must be 1..1024: generators.orders.workers.perProcess=0 (example: perProcess: 2)",
                "generators.orders.workers.staticRange and generators.orders.workers.range must not overlap: staticRange=0..15"
                        + " range=10..40 (example: staticRange: 0..15, range: 16..31)",
                "a static worker ID under hybrid allocation must lie in generators.orders.workers.staticRange 0..15: worker=99"
                        + " (leave it unset to lease one from 10..40)");
    }

    @Test
    void theCoordinatorIsTheOneTheAllocationTalksTo() {
        assertThat(ZOOKEEPER.coordinator()).isEqualTo("zookeeper");
        assertThat(Workers.STATIC.withAllocation(AllocationKind.ETCD).withCoordinator("zk:2181", "http://e").coordinator()).isEqualTo("etcd");
        assertThat(HYBRID.coordinator()).isEqualTo("zookeeper");
        assertThat(HYBRID.withCoordinator(null, "http://e").coordinator()).isEqualTo("etcd");
        assertThat(ZOOKEEPER.leased()).isTrue();
        assertThat(HYBRID.leased()).isTrue();
        assertThat(Workers.STATIC.leased()).isFalse();
    }

    // ---- TLS

    @Test
    void tlsNeedsBothTheCertificateAndTheKey() {
        assertThat(ConfigFiles.problems(dir, "http:\n  tlsCertPath: /etc/idmint/cert.pem\n")).containsExactly(
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=/etc/idmint/cert.pem tlsKeyPath=null"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)");
        assertThat(ConfigFiles.problems(dir, "http:\n  tlsKeyPath: key.pem\n")).containsExactly(
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=null tlsKeyPath=key.pem"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)");
        assertThat(ConfigFiles.problems(dir, "http:\n  tlsCertPath: cert.pem\n  tlsKeyPath: key.pem\n")).isEmpty();
        assertThat(ConfigFiles.problems(dir, "http:\n  port: 8443\n")).isEmpty();
    }

    @Test
    void tlsIsCheckedWhenSetOutsideTheFileToo() {
        IdmintConfig certOnly = IdmintConfig.defaults().withHttp(h -> h.withTls(Path.of("c.pem"), null));

        assertThat(certOnly.problems()).containsExactly("http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=c.pem"
                + " tlsKeyPath=null (example: tlsCertPath: /etc/idmint/cert.pem)");
        assertThatThrownBy(() -> certOnly.validate("--tls-cert")).isInstanceOf(ConfigException.class).hasMessage("--tls-cert is"
                + " invalid: http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=c.pem tlsKeyPath=null"
                + " (example: tlsCertPath: /etc/idmint/cert.pem)");
        IdmintConfig both = IdmintConfig.defaults().withHttp(h -> h.withTls(Path.of("c.pem"), Path.of("k.pem")));
        assertThat(both.validate("flags")).isSameAs(both);
    }

    // ---- generators against each other

    @Test
    void twoStaticGeneratorsWithTheSameBitsAndIdentityWouldIssueTheSameIds() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  worker: 4\n  datacenter: 2\ngenerators:\n  orders: {}\n")).containsExactly(
                "generators default and orders would issue the same IDs: same layout bits (" + DEFAULT_BITS + "), datacenter 2,"
                        + " worker 4 (example: generators.orders.generator.worker: 5)");
    }

    @Test
    void everyCollidingPairIsReported() {
        assertThat(ConfigFiles.problems(dir, "generators:\n  orders:\n  billing: {}\n  users:\n    generator: {worker: 1}\n"))
                .containsExactly(
                        "generators default and orders would issue the same IDs: same layout bits (" + DEFAULT_BITS + "),"
                                + " datacenter 0, worker 0 (example: generators.orders.generator.worker: 1)",
                        "generators default and billing would issue the same IDs: same layout bits (" + DEFAULT_BITS + "),"
                                + " datacenter 0, worker 0 (example: generators.billing.generator.worker: 1)",
                        "generators orders and billing would issue the same IDs: same layout bits (" + DEFAULT_BITS + "),"
                                + " datacenter 0, worker 0 (example: generators.billing.generator.worker: 1)");
    }

    @Test
    void layoutsWithTheSameBitsUnderOtherNamesStillCollide() {
        assertThat(ConfigFiles.problems(dir, "generators:\n  orders:\n    layout: {preset: default, name: orders-layout}\n"))
                .containsExactly("generators default and orders would issue the same IDs: same layout bits (" + DEFAULT_BITS + "),"
                        + " datacenter 0, worker 0 (example: generators.orders.generator.worker: 1)");
    }

    static Stream<Arguments> generatorsThatDoNotCollide() {
        return Stream.of(
                Arguments.of("another worker", "generators:\n  orders:\n    generator: {worker: 1}\n"),
                Arguments.of("another datacenter", "generators:\n  orders:\n    generator: {datacenter: 1}\n"),
                Arguments.of("another preset", "generators:\n  orders:\n    layout: {preset: twitter}\n"),
                Arguments.of("another width", "generators:\n  orders:\n    layout: {sequenceBits: 11}\n"),
                Arguments.of("another epoch", "generators:\n  orders:\n    layout: {epoch: \"2024-06-01T00:00:00Z\"}\n"),
                Arguments.of("another tick", "generators:\n  orders:\n    layout: {tickMillis: 2}\n"),
                Arguments.of("another order", "generators:\n  orders:\n    layout: {order: [timestamp, worker, datacenter, sequence]}\n"),
                Arguments.of("the named one leased", "generators:\n  orders:\n    workers: {allocation: zookeeper, zookeeper: \"zk:2181\"}\n"),
                Arguments.of("the default leased", "workers: {allocation: etcd, etcd: \"http://e:2379\"}\ngenerators:\n  orders:\n"
                        + "    workers: {allocation: static}\n"),
                Arguments.of("both leased", "workers: {allocation: etcd, etcd: \"http://e:2379\"}\ngenerators:\n  orders: {}\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatorsThatDoNotCollide")
    void generatorsThatDifferOrLeaseDoNotCollide(String why, String yaml) {
        assertThat(ConfigFiles.problems(dir, yaml)).isEmpty();
    }

    @Test
    void generatorNamesMustBeUnique() {
        GeneratorConfig orders = generator("orders", GeneratorSettings.DEFAULT.withWorker(1), ZOOKEEPER);
        IdmintConfig cfg = new IdmintConfig(HttpSettings.DEFAULT, GrpcSettings.DEFAULT, GeneratorConfig.DEFAULT,
                List.of(orders, orders.withGenerator(g -> g.withWorker(2))));

        assertThat(cfg.problems()).containsExactly("generator names must be unique: orders appears twice");
        assertThatThrownBy(() -> cfg.validate("flags")).isInstanceOf(ConfigException.class)
                .hasMessage("flags is invalid: generator names must be unique: orders appears twice");
    }

    @Test
    void aWarmUpCountSetInCodeOrByFlagIsCheckedLikeTheFileKey() {
        IdmintConfig cfg = IdmintConfig.defaults().withHttp(h -> h.withWarmupRequests(-1));

        assertThat(cfg.problems()).containsExactly(
                "http.warmupRequests must be 0..1000000: http.warmupRequests=-1 (example: warmupRequests: 2000)");
        assertThat(IdmintConfig.defaults().withHttp(h -> h.withWarmupRequests(0)).problems()).isEmpty();
    }

    @Test
    void aNamedGeneratorCalledDefaultClashesWithTheTopLevel() {
        IdmintConfig cfg = new IdmintConfig(HttpSettings.DEFAULT, GrpcSettings.DEFAULT, GeneratorConfig.DEFAULT,
                List.of(generator("default", GeneratorSettings.DEFAULT.withWorker(1), Workers.STATIC)));

        assertThat(cfg.problems()).containsExactly("generator names must be unique: default appears twice");
    }

    @Test
    void wholeConfigProblemsComeInOrderTransportThenEachGenerator() {
        IdmintConfig cfg = new IdmintConfig(HttpSettings.DEFAULT.withTls(null, Path.of("k.pem")), GrpcSettings.DEFAULT,
                generator("default", GeneratorSettings.DEFAULT.withWorker(40), Workers.STATIC),
                List.of(generator("orders", GeneratorSettings.DEFAULT, Workers.STATIC)));

        assertThat(cfg.problems()).containsExactly(
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=null tlsKeyPath=k.pem"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)",
                "generator.worker must be 0..31 for layout 'default': generator.worker=40 (example: worker: 3)");
    }

    // ---- a layout that did not read

    @Test
    void aTopLevelLayoutThatDoesNotReadSkipsOnlyTheTopLevelsChecks() {
        // The default generator's checks against its layout (its worker, its worker range) are skipped, those that
        // need no layout (the coordinator's address) are not; TLS and a named generator with a layout of its own are
        // still checked.
        assertThat(ConfigFiles.problems(dir, """
                layout: {preset: flake}
                generator: {worker: 40}
                workers: {allocation: zookeeper}
                http: {tlsCertPath: c.pem}
                generators:
                  orders:
                    layout: {preset: twitter}
                    generator: {worker: 5000}
                    workers: {allocation: etcd, etcd: "http://e:2379"}
                """)).containsExactly(
                "layout.preset layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=flake"
                        + " (example: preset: default)",
                "http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=c.pem tlsKeyPath=null"
                        + " (example: tlsCertPath: /etc/idmint/cert.pem)",
                "workers.allocation=zookeeper needs workers.zookeeper: zookeeper=null etcd=null (example: zookeeper: 127.0.0.1:2181)",
                "generators.orders.generator.worker must be 0..31 for layout 'twitter': generators.orders.generator.worker=5000"
                        + " (example: worker: 3)");
    }

    @Test
    void aNamedGeneratorBuiltOnATopLevelLayoutThatDidNotReadIsNotCheckedAgainstTheFallback() {
        // billing picks no preset: its layout would be the fallback default, not the one the file meant.
        assertThat(ConfigFiles.problems(dir, """
                layout: {preset: flake}
                generators:
                  billing:
                    generator: {worker: 40}
                  orders:
                    layout: {preset: twitter, sequenceBits: 10}
                    generator: {worker: 40}
                """)).containsExactly(
                "layout.preset layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=flake"
                        + " (example: preset: default)",
                "generators.orders.generator.worker must be 0..31 for layout 'twitter-custom': generators.orders.generator.worker=40"
                        + " (example: worker: 3)");
    }

    @Test
    void aNamedLayoutThatDoesNotReadSkipsOnlyThatGeneratorsChecks() {
        assertThat(ConfigFiles.problems(dir, """
                generator: {worker: 40}
                generators:
                  orders:
                    layout: {tickMillis: 0}
                    generator: {worker: 99}
                  billing:
                    generator: {worker: 50}
                """)).containsExactly(
                "generators.orders.layout.tickMillis must be 1..1000: generators.orders.layout.tickMillis=0 (example: tickMillis: 1)",
                "generator.worker must be 0..31 for layout 'default': generator.worker=40 (example: worker: 3)",
                "generators.billing.generator.worker must be 0..31 for layout 'default': generators.billing.generator.worker=50"
                        + " (example: worker: 3)");
    }

    @Test
    void aGeneratorWhoseLayoutDidNotReadIsNotComparedWithTheOthers() {
        // broken keeps the top level's layout as a fallback, so comparing it would report a collision that is not there.
        assertThat(ConfigFiles.problems(dir, "generators:\n  broken:\n    layout: {tickMillis: 0}\n  orders: {}\n")).containsExactly(
                "generators.broken.layout.tickMillis must be 1..1000: generators.broken.layout.tickMillis=0 (example: tickMillis: 1)",
                "generators default and orders would issue the same IDs: same layout bits (" + DEFAULT_BITS + "), datacenter 0,"
                        + " worker 0 (example: generators.orders.generator.worker: 1)");
        assertThat(ConfigFiles.problems(dir, "layout: {tickMillis: 0}\ngenerators:\n  orders:\n    layout: {preset: default}\n"))
                .containsExactly("layout.tickMillis must be 1..1000: layout.tickMillis=0 (example: tickMillis: 1)");
    }

    @Test
    void validateReturnsTheConfigWhenConsistent() {
        IdmintConfig cfg = IdmintConfig.defaults();

        assertThat(cfg.validate("defaults")).isSameAs(cfg);
    }
}
