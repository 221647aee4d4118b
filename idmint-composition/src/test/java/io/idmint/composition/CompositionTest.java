package io.idmint.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.config.AllocationKind;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.coordination.CoordinationException;
import io.idmint.core.BitLayout;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.testkit.Etcd;
import io.idmint.testkit.LoopbackZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration to generators, the composition root's one job: static, leased and hybrid, against real ZooKeeper and etcd. */
class CompositionTest {
    private static TestingServer zookeeper;
    private static Etcd etcd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCoordinators() throws Exception {
        zookeeper = LoopbackZooKeeper.start(200);
        etcd = Etcd.launch();
    }

    @AfterAll
    static void stopCoordinators() {
        LoopbackZooKeeper.close(zookeeper);
        etcd.close();
    }

    private static IdmintConfig hybrid(String backend, String cluster) {
        boolean zk = backend.equals("zookeeper");
        Workers w = new Workers(AllocationKind.HYBRID, zk ? LoopbackZooKeeper.address(zookeeper) : null, zk ? null : etcd.address(),
                cluster, "eu", 16, 31, 0, 15, 2000, 1000, 400, 1);
        return IdmintConfig.defaults().withGenerator(s -> s.withStateDir(null).withDatacenter(2)).withWorkers(x -> w);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void hybridLeasesFromTheDynamicRangeAndClaimsAStaticIdExactlyOnce(String backend) {
        String cluster = "hybrid-" + UUID.randomUUID();
        try (OpenedGenerators dynamic = Composition.open(hybrid(backend, cluster), UnaryOperator.identity());
             OpenedGenerators fixed = Composition.open(hybrid(backend, cluster).withGenerator(s -> s.withWorker(3)), UnaryOperator.identity())) {
            assertThat(dynamic.issuer().defaultGenerator().worker()).isBetween(16, 31);
            assertThat(dynamic.issuer().defaultGenerator().datacenter()).isEqualTo(2);
            assertThat(dynamic.issuer().defaultGenerator().leases().leases()).hasSize(1);
            NamedGenerator g = fixed.issuer().defaultGenerator();
            assertThat(g.worker()).isEqualTo(3);
            assertThat(g.decode(fixed.issuer().issueOne(g)).worker()).isEqualTo(3);
            assertThatThrownBy(() -> Composition.open(hybrid(backend, cluster).withGenerator(s -> s.withWorker(3)),
                    UnaryOperator.identity()))
                    .isInstanceOf(CoordinationException.class)
                    .hasMessageContaining("static worker 3 is already held by a live process");
        }
    }

    /** Several worker IDs per process, for every allocation: each thread sticks to one, each keeps its own mark. */
    @ParameterizedTest
    @ValueSource(strings = {"static", "zookeeper", "etcd"})
    void aWorkerRangeStripesThreadsOverEveryWorker(String allocation) throws Exception {
        IdmintConfig cfg = allocation.equals("static")
                ? IdmintConfig.defaults().withGenerator(s -> s.withStateDir(dir).withWorkers(4, 2))
                : hybrid(allocation, "stripe-" + UUID.randomUUID()).withGenerator(s -> s.withWorkers(4, 2));
        try (OpenedGenerators opened = Composition.open(cfg, UnaryOperator.identity())) {
            NamedGenerator g = opened.issuer().defaultGenerator();
            java.util.Set<Integer> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> workers.add(g.decode(opened.issuer().issueOne(g)).worker()));
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(workers).containsExactlyInAnyOrder(4, 5);
        }
        if (allocation.equals("static")) {
            assertThat(dir.resolve("worker-dc0-w4.hwm")).exists();
            assertThat(dir.resolve("worker-dc0-w5.hwm")).exists();
        }
    }

    /**
     * Review finding 2026-11-30 #4: a worker moved from static to leased allocation ignored its file mark,
     * so with the clock now behind what the static incarnation issued, it reissued those IDs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aStaticWorkerMovedToHybridStartsAfterItsFileMark(String backend) {
        long aheadMillis = 1_500;
        IdmintConfig staticThree = IdmintConfig.defaults().withGenerator(s -> s.withStateDir(dir).withDatacenter(2).withWorker(3));
        long issuedAhead;
        try (OpenedGenerators before = Composition.open(staticThree, clock -> () -> clock.currentTimeMillis() + aheadMillis)) {
            issuedAhead = before.issuer().issueOne(before.issuer().defaultGenerator());
        }
        IdmintConfig hybridThree = hybrid(backend, "migrate-" + UUID.randomUUID())
                .withGenerator(s -> s.withStateDir(dir).withWorker(3));
        try (OpenedGenerators after = Composition.open(hybridThree, UnaryOperator.identity())) {
            NamedGenerator g = after.issuer().defaultGenerator();
            assertThat(g.leases().leases()).as("leased now").hasSize(1);
            long next = after.issuer().issueOne(g);
            assertThat(g.decode(next).worker()).isEqualTo(3);
            assertThat(next).as("after what the static incarnation issued with its clock ahead").isGreaterThan(issuedAhead);
        }
    }

    @Test
    void everyGeneratorOfTheConfigIsOpenedWithAHighWaterMarkOfItsOwn() {
        IdmintConfig cfg = new IdmintConfig(IdmintConfig.defaults().http(), IdmintConfig.defaults().grpc(),
                GeneratorConfig.DEFAULT.withGenerator(s -> s.withStateDir(dir).withWorker(1)),
                List.of(new GeneratorConfig("orders", GeneratorConfig.DEFAULT.generator().withStateDir(dir)
                        .withLayout(BitLayout.preset("twitter")).withWorker(1), Workers.STATIC)));
        try (OpenedGenerators opened = Composition.open(cfg, UnaryOperator.identity())) {
            assertThat(opened.issuer().generators()).extracting(NamedGenerator::name).containsExactly("default", "orders");
            NamedGenerator orders = opened.issuer().generator("orders");
            assertThat(orders.decode(opened.issuer().issueOne(orders)).layout()).isEqualTo("twitter");
        }
        assertThat(dir.resolve("worker-dc0-w1.hwm")).exists();
        assertThat(dir.resolve("orders").resolve("worker-dc0-w1.hwm")).exists();
    }

    @Test
    void aGeneratorThatCannotOpenClosesTheOnesOpenedBeforeIt() throws Exception {
        GeneratorConfig first = GeneratorConfig.DEFAULT.withGenerator(s -> s.withStateDir(dir).withWorker(1));
        GeneratorConfig second = new GeneratorConfig("orders", first.generator().withWorker(2), Workers.STATIC);
        Path ordersMark = dir.resolve("orders").resolve("worker-dc0-w2.hwm");
        Files.createDirectories(ordersMark.getParent());
        long future = System.currentTimeMillis() + 60_000;
        Files.writeString(ordersMark, "reservedUntilMillis=" + future + "\nwrittenAtMillis=" + future + "\n");
        IdmintConfig cfg = new IdmintConfig(IdmintConfig.defaults().http(), IdmintConfig.defaults().grpc(), first, List.of(second));
        assertThatThrownBy(() -> Composition.open(cfg, UnaryOperator.identity())).hasMessageContaining("behind");
        // The default generator was closed on the way out: its lock is free again.
        try (OpenedGenerators again = Composition.open(new IdmintConfig(cfg.http(), cfg.grpc(), first, List.of()), UnaryOperator.identity())) {
            assertThat(again.issuer().issueOne(again.issuer().defaultGenerator())).isPositive();
        }
    }

    @Test
    void aNodeIssuesAsItsNumberAndAFittingNumberIsRequired() {
        IdmintConfig cfg = IdmintConfig.defaults().withGenerator(s -> s.withStateDir(null));
        try (OpenedGenerators node = Composition.openForNode(cfg, UnaryOperator.identity(), "n7", 7)) {
            NamedGenerator g = node.issuer().defaultGenerator();
            assertThat(g.decode(node.issuer().issueOne(g)).worker()).isEqualTo(7);
        }
        assertThatThrownBy(() -> Composition.openForNode(cfg, UnaryOperator.identity(), "n99", 99))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("node_id n99 maps to worker 99, but layout 'default' of generator default allows workers 0..31: node_id=n99");
    }
}
