package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.config.ConfigException;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.core.IdGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration to generator: static, leased and hybrid allocation, against real ZooKeeper and etcd. */
class GeneratorsTest {
    private static Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = Servers.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    private static IdmintConfig.Builder hybrid(Backend b, String cluster) {
        Workers w = Workers.STATIC.withAllocation(IdmintConfig.AllocationKind.HYBRID)
                .withCoordinator(b.name().equals("zookeeper") ? b.address() : null, b.name().equals("etcd") ? b.address() : null)
                .withNames(cluster, "eu").withRange(16, 31);
        return IdmintConfig.builder().stateDir(null).datacenter(2).workers(new Workers(w.allocation(), w.zookeeper(), w.etcd(),
                w.cluster(), w.region(), 16, 31, 0, 15, 2000, 1000, 400, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void hybridLeasesFromTheDynamicRangeAndClaimsAStaticIdExactlyOnce(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("hybrid");
        try (IdGenerator dynamic = Generators.open(hybrid(b, cluster).build());
             IdGenerator fixed = Generators.open(hybrid(b, cluster).worker(3).build())) {
            assertThat(dynamic.worker()).isBetween(16, 31);
            assertThat(dynamic.datacenter()).isEqualTo(2);
            assertThat(fixed.worker()).isEqualTo(3);
            assertThat(fixed.layout().decode(fixed.nextId()).worker()).isEqualTo(3);
            assertThatThrownBy(() -> Generators.open(hybrid(b, cluster).worker(3).build()))
                    .isInstanceOf(CoordinationException.class)
                    .hasMessageContaining("static worker 3 is already held by a live process");
        }
    }

    @Test
    void hybridRejectsAStaticIdOutsideTheStaticRangeAndOverlappingRanges() {
        Workers w = new Workers(IdmintConfig.AllocationKind.HYBRID, "127.0.0.1:1", null, "c", "r", 10, 31, 0, 15, 2000, 1000, 400, 1);
        assertThatThrownBy(() -> IdmintConfig.builder().workers(w).worker(20).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("workers.staticRange and workers.range must not overlap: staticRange=0..15 range=10..31")
                .hasMessageContaining("must lie in workers.staticRange 0..15: worker=20");
    }

    @Test
    void aWorkersSectionIsReadWithEveryProblemListed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "workers:\n  allocation: etcd\n  etcd: http://127.0.0.1:2379\n  cluster: prod\n  region: eu\n"
                + "  range: 16..31\n  leaseTtlMillis: 5000\n  perProcess: 2\n");
        Workers w = IdmintConfig.load(good).workers();
        assertThat(w.allocation()).isEqualTo(IdmintConfig.AllocationKind.ETCD);
        assertThat(w.etcd()).isEqualTo("http://127.0.0.1:2379");
        assertThat(w.rangeFirst()).isEqualTo(16);
        assertThat(w.rangeLast()).isEqualTo(31);
        assertThat(w.leaseTtlMillis()).isEqualTo(5000);
        assertThat(w.perProcess()).isEqualTo(2);

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "workers:\n  allocation: consul\n  range: sixteen\n  leaseTtlMillis: 10\n");
        assertThat(IdmintConfig.problems(bad)).anySatisfy(p -> assertThat(p).contains("workers.allocation must be one of [static, zookeeper, etcd, hybrid]: workers.allocation=consul"))
                .anySatisfy(p -> assertThat(p).contains("workers.range must look like first..last: workers.range=sixteen"))
                .anySatisfy(p -> assertThat(p).contains("workers.leaseTtlMillis must be 1000..3600000: workers.leaseTtlMillis=10"));

        Path noCoordinator = dir.resolve("zk.yaml");
        Files.writeString(noCoordinator, "workers:\n  allocation: zookeeper\n");
        assertThat(IdmintConfig.problems(noCoordinator)).anySatisfy(p -> assertThat(p).contains("workers.allocation=zookeeper needs workers.zookeeper"));
    }

    @Test
    void aStatefulSetOrdinalBecomesTheStaticWorker() {
        IdmintConfig cfg = IdmintConfig.builder().applyEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "true", "HOSTNAME", "idmint-7")).build();
        assertThat(cfg.worker()).isEqualTo(7);
        assertThat(cfg.workerGiven()).isTrue();
        assertThatThrownBy(() -> IdmintConfig.builder().applyEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "true", "HOSTNAME", "web")).build())
                .hasMessageContaining("needs a hostname ending in -N").hasMessageContaining("hostname=web");
        assertThatThrownBy(() -> IdmintConfig.builder().applyEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "true", "HOSTNAME", "idmint-5000")).build())
                .hasMessageContaining("generator.worker must be 0..31");
    }
}
