package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.SequenceOverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records' {@code with...} methods change only what they name; the records are immutable. */
class RecordsTest {
    /** Every component differs from the defaults and from each other, so that a swapped or dropped one shows. */
    private static final GeneratorSettings SETTINGS = new GeneratorSettings(BitLayout.preset("twitter"), 77, 3, 9, false,
            ClockKind.MONOTONIC, ClockRollbackPolicy.logicalOffset(Duration.ofMillis(123)),
            SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(45)), Path.of("/state"), Duration.ofMillis(678), Duration.ofMillis(910));
    private static final Workers WORKERS = new Workers(AllocationKind.ZOOKEEPER, "zk:2181", "http://e:2379", "prod", "eu", 16, 31,
            2, 5, 11_000, 12_000, 1_300, 4);
    private static final HttpSettings HTTP = new HttpSettings("0.0.0.0", 8443, 3, "tok", Path.of("c.pem"), Path.of("k.pem"));
    private static final GrpcSettings GRPC = new GrpcSettings("10.0.0.1", 9443);
    private static final GeneratorConfig ORDERS = new GeneratorConfig("orders", SETTINGS.withWorker(1), Workers.STATIC);
    private static final IdmintConfig CONFIG = new IdmintConfig(HTTP, GRPC, new GeneratorConfig("default", SETTINGS, WORKERS),
            List.of(ORDERS));

    @Test
    void generatorSettingsWithLayout() {
        assertThat(SETTINGS.withLayout(BitLayout.DEFAULT)).isEqualTo(new GeneratorSettings(BitLayout.DEFAULT, 77, 3, 9, false,
                ClockKind.MONOTONIC, SETTINGS.rollbackPolicy(), SETTINGS.overflowPolicy(), Path.of("/state"), Duration.ofMillis(678),
                Duration.ofMillis(910)));
    }

    @Test
    void generatorSettingsWithDatacenter() {
        assertThat(SETTINGS.withDatacenter(4)).isEqualTo(new GeneratorSettings(SETTINGS.layout(), 77, 4, 9, false,
                ClockKind.MONOTONIC, SETTINGS.rollbackPolicy(), SETTINGS.overflowPolicy(), Path.of("/state"), Duration.ofMillis(678),
                Duration.ofMillis(910)));
    }

    @Test
    void generatorSettingsWithWorkerMakesTheWorkerGiven() {
        GeneratorSettings changed = SETTINGS.withWorker(0);

        assertThat(changed).isEqualTo(new GeneratorSettings(SETTINGS.layout(), 77, 3, 0, true, ClockKind.MONOTONIC,
                SETTINGS.rollbackPolicy(), SETTINGS.overflowPolicy(), Path.of("/state"), Duration.ofMillis(678), Duration.ofMillis(910)));
        assertThat(changed.withWorker(5).workerGiven()).isTrue();
        assertThat(changed.withDatacenter(1).workerGiven()).isTrue();
    }

    @Test
    void generatorSettingsWithStateDir() {
        assertThat(SETTINGS.withStateDir(Path.of("other"))).isEqualTo(new GeneratorSettings(SETTINGS.layout(), 77, 3, 9, false,
                ClockKind.MONOTONIC, SETTINGS.rollbackPolicy(), SETTINGS.overflowPolicy(), Path.of("other"), Duration.ofMillis(678),
                Duration.ofMillis(910)));
        assertThat(SETTINGS.withStateDir(null).stateDirectory()).isEmpty();
        assertThat(SETTINGS.stateDirectory()).contains(Path.of("/state"));
    }

    @Test
    void generatorSettingsWithPolicies() {
        ClockRollbackPolicy rollback = ClockRollbackPolicy.failFast();
        SequenceOverflowPolicy overflow = SequenceOverflowPolicy.spinToNextTick();

        assertThat(SETTINGS.withPolicies(rollback, overflow)).isEqualTo(new GeneratorSettings(SETTINGS.layout(), 77, 3, 9, false,
                ClockKind.MONOTONIC, rollback, overflow, Path.of("/state"), Duration.ofMillis(678), Duration.ofMillis(910)));
    }

    @Test
    void generatorSettingsRefuseMissingParts() {
        assertThatThrownBy(() -> SETTINGS.withLayout(null)).isInstanceOf(NullPointerException.class).hasMessage("layout");
        assertThatThrownBy(() -> SETTINGS.withPolicies(null, SequenceOverflowPolicy.spinToNextTick()))
                .isInstanceOf(NullPointerException.class).hasMessage("rollbackPolicy");
        assertThatThrownBy(() -> SETTINGS.withPolicies(ClockRollbackPolicy.failFast(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("overflowPolicy");
    }

    @Test
    void httpSettingsWithMethods() {
        assertThat(HTTP.withHost("::")).isEqualTo(new HttpSettings("::", 8443, 3, "tok", Path.of("c.pem"), Path.of("k.pem")));
        assertThat(HTTP.withPort(0)).isEqualTo(new HttpSettings("0.0.0.0", 0, 3, "tok", Path.of("c.pem"), Path.of("k.pem")));
        assertThat(HTTP.withInstances(8)).isEqualTo(new HttpSettings("0.0.0.0", 8443, 8, "tok", Path.of("c.pem"), Path.of("k.pem")));
        assertThat(HTTP.withBearerToken("new")).isEqualTo(new HttpSettings("0.0.0.0", 8443, 3, "new", Path.of("c.pem"), Path.of("k.pem")));
        assertThat(HTTP.withTls(Path.of("c2"), null)).isEqualTo(new HttpSettings("0.0.0.0", 8443, 3, "tok", Path.of("c2"), null));
    }

    @Test
    void anEmptyBearerTokenIsNoToken() {
        assertThat(HTTP.withBearerToken("").bearerToken()).isNull();
        assertThat(HTTP.withBearerToken(null).token()).isEmpty();
        assertThat(HTTP.token()).contains("tok");
    }

    @Test
    void grpcSettingsWithMethods() {
        assertThat(GRPC.withHost("::1")).isEqualTo(new GrpcSettings("::1", 9443));
        assertThat(GRPC.withPort(0)).isEqualTo(new GrpcSettings("10.0.0.1", 0));
    }

    @Test
    void workersWithMethods() {
        assertThat(WORKERS.withAllocation(AllocationKind.ETCD)).isEqualTo(new Workers(AllocationKind.ETCD, "zk:2181", "http://e:2379",
                "prod", "eu", 16, 31, 2, 5, 11_000, 12_000, 1_300, 4));
        assertThat(WORKERS.withCoordinator(null, "http://f:2379")).isEqualTo(new Workers(AllocationKind.ZOOKEEPER, null,
                "http://f:2379", "prod", "eu", 16, 31, 2, 5, 11_000, 12_000, 1_300, 4));
        assertThat(WORKERS.withRange(6, 8)).isEqualTo(new Workers(AllocationKind.ZOOKEEPER, "zk:2181", "http://e:2379", "prod", "eu",
                6, 8, 2, 5, 11_000, 12_000, 1_300, 4));
        assertThat(WORKERS.withNames("staging", "us")).isEqualTo(new Workers(AllocationKind.ZOOKEEPER, "zk:2181", "http://e:2379",
                "staging", "us", 16, 31, 2, 5, 11_000, 12_000, 1_300, 4));
        assertThat(WORKERS.withPerProcess(7)).isEqualTo(new Workers(AllocationKind.ZOOKEEPER, "zk:2181", "http://e:2379", "prod", "eu",
                16, 31, 2, 5, 11_000, 12_000, 1_300, 7));
    }

    @Test
    void workersWithRangeParsesText() {
        assertThat(WORKERS.withRange("40..50")).isEqualTo(WORKERS.withRange(40, 50));
        assertThat(WORKERS.withRange(" 9 ")).isEqualTo(WORKERS.withRange(9, 9));
        assertThatThrownBy(() -> WORKERS.withRange("forty")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("worker range must look like first..last (e.g. 16..31): range=forty");
    }

    @Test
    void workersNeedAnAllocation() {
        assertThatThrownBy(() -> WORKERS.withAllocation(null)).isInstanceOf(NullPointerException.class).hasMessage("allocation");
    }

    @Test
    void generatorConfigWithMethods() {
        GeneratorConfig g = new GeneratorConfig("orders", SETTINGS, WORKERS);

        assertThat(g.withGenerator(s -> s.withDatacenter(1))).isEqualTo(new GeneratorConfig("orders", SETTINGS.withDatacenter(1), WORKERS));
        assertThat(g.withWorkers(w -> Workers.STATIC)).isEqualTo(new GeneratorConfig("orders", SETTINGS, Workers.STATIC));
        assertThatThrownBy(() -> new GeneratorConfig(null, SETTINGS, WORKERS)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> g.withWorkers(w -> null)).isInstanceOf(NullPointerException.class).hasMessage("workers");
        assertThatThrownBy(() -> g.withGenerator(s -> null)).isInstanceOf(NullPointerException.class).hasMessage("generator");
    }

    @Test
    void idmintConfigWithHttpAndGrpc() {
        assertThat(CONFIG.withHttp(h -> h.withPort(1))).isEqualTo(new IdmintConfig(HTTP.withPort(1), GRPC, CONFIG.defaultGenerator(),
                List.of(ORDERS)));
        assertThat(CONFIG.withGrpc(g -> g.withPort(2))).isEqualTo(new IdmintConfig(HTTP, GRPC.withPort(2), CONFIG.defaultGenerator(),
                List.of(ORDERS)));
    }

    @Test
    void idmintConfigWithGeneratorChangesTheDefaultGeneratorOnly() {
        IdmintConfig changed = CONFIG.withGenerator(g -> g.withWorker(20));

        assertThat(changed).isEqualTo(new IdmintConfig(HTTP, GRPC, new GeneratorConfig("default", SETTINGS.withWorker(20), WORKERS),
                List.of(ORDERS)));
        assertThat(CONFIG.withWorkers(w -> w.withPerProcess(2))).isEqualTo(new IdmintConfig(HTTP, GRPC,
                new GeneratorConfig("default", SETTINGS, WORKERS.withPerProcess(2)), List.of(ORDERS)));
        assertThat(CONFIG.withDefaultGenerator(g -> GeneratorConfig.DEFAULT)).isEqualTo(new IdmintConfig(HTTP, GRPC,
                GeneratorConfig.DEFAULT, List.of(ORDERS)));
    }

    @Test
    void withMethodsLeaveTheOriginalAlone() {
        CONFIG.withHttp(h -> h.withPort(1)).withGenerator(g -> g.withWorker(2)).withWorkers(w -> Workers.STATIC);

        assertThat(CONFIG.http().port()).isEqualTo(8443);
        assertThat(CONFIG.defaultGenerator().generator().worker()).isEqualTo(9);
        assertThat(CONFIG.defaultGenerator().workers()).isEqualTo(WORKERS);
    }

    @Test
    void namedGeneratorsAreACopy() {
        List<GeneratorConfig> named = new ArrayList<>(List.of(ORDERS));
        IdmintConfig cfg = new IdmintConfig(HTTP, GRPC, GeneratorConfig.DEFAULT, named);
        named.add(GeneratorConfig.DEFAULT);

        assertThat(cfg.named()).containsExactly(ORDERS);
        assertThatThrownBy(() -> cfg.named().add(ORDERS)).isInstanceOf(UnsupportedOperationException.class);
        cfg.generators().clear();
        assertThat(cfg.generators()).containsExactly(GeneratorConfig.DEFAULT, ORDERS);
    }

    @Test
    void idmintConfigRefusesMissingParts() {
        assertThatThrownBy(() -> new IdmintConfig(null, GRPC, GeneratorConfig.DEFAULT, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("http");
        assertThatThrownBy(() -> CONFIG.withGrpc(g -> null)).isInstanceOf(NullPointerException.class).hasMessage("grpc");
        assertThatThrownBy(() -> CONFIG.withDefaultGenerator(g -> null)).isInstanceOf(NullPointerException.class)
                .hasMessage("defaultGenerator");
    }
}
