package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.Field;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.issuing.IdIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the file says is what the records hold: every key of every section, and the defaults where absent. */
class ValuesReadTest {
    private static final String FULL = """
            layout:
              name: my-layout
              epoch: "2020-01-01T00:00:00Z"
              tickMillis: 2
              timestampBits: 40
              datacenterBits: 4
              workerBits: 7
              sequenceBits: 11
              order: [timestamp, worker, datacenter, sequence]
              lifetimeWarningDays: 30
            generator:
              datacenter: 3
              worker: 5
              clock: monotonic
              rollbackPolicy: logical-offset
              rollbackMaxWaitMillis: 250
              rollbackMaxLeadMillis: 750
              overflowPolicy: borrow
              overflowMaxLeadMillis: 15
              stateDir: /var/lib/idmint
              reservationWindowMillis: 2000
              maxStartupWaitMillis: 5000
            http:
              host: 0.0.0.0
              port: 8443
              instances: 4
              token: s3cret
              tlsCertPath: /etc/idmint/cert.pem
              tlsKeyPath: /etc/idmint/key.pem
            grpc:
              host: 10.0.0.1
              port: 9443
            workers:
              allocation: hybrid
              zookeeper: ""
              etcd: " http://etcd-1:2379,http://etcd-2:2379 "
              cluster: prod
              region: eu-west
              range: 64..127
              staticRange: 0..63
              ordinalFromHostname: false
              leaseTtlMillis: 15000
              recycleDelayMillis: 20000
              safetyMarginMillis: 3000
              perProcess: 2
            """;

    @TempDir
    Path dir;

    @Test
    void everyKeyOfEverySectionIsReadAsGiven() {
        BitLayout layout = BitLayout.builder().name("my-layout").epoch(Instant.parse("2020-01-01T00:00:00Z")).tickMillis(2)
                .timestampBits(40).datacenterBits(4).workerBits(7).sequenceBits(11)
                .order(Field.TIMESTAMP, Field.WORKER, Field.DATACENTER, Field.SEQUENCE).build();
        GeneratorSettings generator = new GeneratorSettings(layout, 30, 3, 5, true, ClockKind.MONOTONIC,
                ClockRollbackPolicy.logicalOffset(Duration.ofMillis(750)), SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(15)),
                Path.of("/var/lib/idmint"), Duration.ofMillis(2000), Duration.ofMillis(5000));
        Workers workers = new Workers(AllocationKind.HYBRID, null, "http://etcd-1:2379,http://etcd-2:2379", "prod", "eu-west",
                64, 127, 0, 63, 15_000, 20_000, 3_000, 2);
        IdmintConfig expected = new IdmintConfig(
                new HttpSettings("0.0.0.0", 8443, 4, "s3cret", Path.of("/etc/idmint/cert.pem"), Path.of("/etc/idmint/key.pem")),
                new GrpcSettings("10.0.0.1", 9443), new GeneratorConfig(IdIssuer.DEFAULT, generator, workers), List.of());

        IdmintConfig cfg = ConfigFiles.load(dir, FULL);

        assertThat(cfg).isEqualTo(expected);
        assertThat(cfg.defaultGenerator().generator().layout().fingerprint())
                .isEqualTo("timestamp:40,worker:7,datacenter:4,sequence:11;tick=2ms;epoch=1577836800000");
        assertThat(cfg.http().token()).contains("s3cret");
    }

    @Test
    void eachPolicyIsReadWithItsOwnBound() {
        GeneratorSettings wait = ConfigFiles.load(dir, "generator:\n  rollbackPolicy: wait\n  rollbackMaxWaitMillis: 0\n"
                + "  rollbackMaxLeadMillis: 900\n  overflowPolicy: spin\n  overflowMaxLeadMillis: 50\n").defaultGenerator().generator();
        GeneratorSettings failFast = ConfigFiles.load(dir, "generator:\n  rollbackPolicy: fail-fast\n  overflowPolicy: borrow\n"
                + "  overflowMaxLeadMillis: 3\n").defaultGenerator().generator();
        GeneratorSettings logical = ConfigFiles.load(dir, "generator:\n  rollbackPolicy: logical-offset\n").defaultGenerator().generator();

        assertThat(wait.rollbackPolicy()).isEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ZERO));
        assertThat(wait.overflowPolicy()).isEqualTo(SequenceOverflowPolicy.spinToNextTick());
        assertThat(failFast.rollbackPolicy()).isEqualTo(ClockRollbackPolicy.failFast());
        assertThat(failFast.overflowPolicy()).isEqualTo(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(3)));
        assertThat(logical.rollbackPolicy()).isEqualTo(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(1)));
    }

    @Test
    void absentKeysKeepTheDefaults() {
        IdmintConfig cfg = ConfigFiles.load(dir, "generator:\n  worker: 3\nhttp:\n  port: 8081\n");

        assertThat(cfg.defaultGenerator().generator()).isEqualTo(GeneratorSettings.DEFAULT.withWorker(3));
        assertThat(cfg.http()).isEqualTo(HttpSettings.DEFAULT.withPort(8081));
        assertThat(cfg.grpc()).isEqualTo(GrpcSettings.DEFAULT);
        assertThat(cfg.defaultGenerator().workers()).isEqualTo(Workers.STATIC);
    }

    @Test
    void theWarmUpIsOnByDefaultAndZeroTurnsItOff() {
        assertThat(IdmintConfig.defaults().http().warmupRequests()).isEqualTo(HttpSettings.DEFAULT_WARMUP_REQUESTS).isPositive();
        assertThat(ConfigFiles.load(dir, "http:\n  port: 8081\n").http().warmupRequests())
                .isEqualTo(HttpSettings.DEFAULT_WARMUP_REQUESTS);
        assertThat(ConfigFiles.load(dir, "http:\n  warmupRequests: 0\n").http())
                .isEqualTo(HttpSettings.DEFAULT.withWarmupRequests(0));
        assertThat(ConfigFiles.load(dir, "http:\n  warmupRequests: 500\n").http().warmupRequests()).isEqualTo(500);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        IdmintConfig d = IdmintConfig.defaults();
        GeneratorSettings g = d.defaultGenerator().generator();

        assertThat(d.defaultGenerator().name()).isEqualTo("default");
        assertThat(d.named()).isEmpty();
        assertThat(g.layout()).isEqualTo(BitLayout.preset("default"));
        assertThat(g.lifetimeWarningDays()).isEqualTo(365);
        assertThat(g.datacenter()).isZero();
        assertThat(g.worker()).isZero();
        assertThat(g.workerGiven()).isFalse();
        assertThat(g.clock()).isEqualTo(ClockKind.SYSTEM);
        assertThat(g.rollbackPolicy()).isEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1)));
        assertThat(g.overflowPolicy()).isEqualTo(SequenceOverflowPolicy.spinToNextTick());
        assertThat(g.stateDir()).isEqualTo(Path.of("data"));
        assertThat(g.reservationWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(g.maxStartupWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.http()).isEqualTo(new HttpSettings("127.0.0.1", 8080, Runtime.getRuntime().availableProcessors(), null, null, null));
        assertThat(d.grpc()).isEqualTo(new GrpcSettings("127.0.0.1", 9090));
        assertThat(d.defaultGenerator().workers()).isEqualTo(new Workers(AllocationKind.STATIC, null, null, "default", "default",
                0, -1, 0, -1, 10_000, 10_000, 2_000, 1));
        assertThat(d.problems()).isEmpty();
        assertThat(d.defaultGenerator().highWaterMarkFile()).contains(Path.of("data", "worker-dc0-w0.hwm"));
    }

    @ParameterizedTest(name = "stateDir: {0}")
    @ValueSource(strings = {"\"\"", "''", "", "~", "null"})
    void anEmptyStateDirTurnsTheHighWaterMarkOff(String value) {
        GeneratorConfig g = ConfigFiles.load(dir, "generator:\n  stateDir: " + value + "\n").defaultGenerator();

        assertThat(g.generator().stateDir()).isNull();
        assertThat(g.generator().stateDirectory()).isEmpty();
        assertThat(g.highWaterMarkFile()).isEmpty();
    }

    @Test
    void aRelativeStateDirIsKeptRelative() {
        GeneratorConfig g = ConfigFiles.load(dir, "generator:\n  stateDir: ./state\n  datacenter: 2\n  worker: 9\n").defaultGenerator();

        assertThat(g.generator().stateDirectory()).contains(Path.of("./state"));
        assertThat(g.highWaterMarkFile()).contains(Path.of("./state", "worker-dc2-w9.hwm"));
    }

    @Test
    void aPresetIsReadWithItsOwnName() {
        for (BitLayout preset : BitLayout.presets()) {
            assertThat(ConfigFiles.load(dir, "layout:\n  preset: " + preset.name().toUpperCase(java.util.Locale.ROOT) + "\n")
                    .defaultGenerator().generator().layout()).isEqualTo(preset);
        }
    }

    @Test
    void overridingAPresetsFieldsNamesTheLayoutAfterIt() {
        BitLayout layout = ConfigFiles.load(dir, "layout:\n  preset: twitter\n  sequenceBits: 10\n  workerBits: 7\n")
                .defaultGenerator().generator().layout();

        assertThat(layout).isEqualTo(BitLayout.preset("twitter").toBuilder().name("twitter-custom").sequenceBits(10).workerBits(7).build());
    }

    @Test
    void aLayoutNameAloneRenamesThePreset() {
        BitLayout layout = ConfigFiles.load(dir, "layout:\n  preset: sonyflake\n  name: ours\n").defaultGenerator().generator().layout();

        assertThat(layout.name()).isEqualTo("ours");
        assertThat(layout.fingerprint()).isEqualTo(BitLayout.preset("sonyflake").fingerprint());
    }

    @Test
    void lifetimeWarningDaysAloneKeepsThePresetUnrenamed() {
        GeneratorSettings g = ConfigFiles.load(dir, "layout:\n  preset: discord\n  lifetimeWarningDays: 0\n").defaultGenerator().generator();

        assertThat(g.layout()).isEqualTo(BitLayout.preset("discord"));
        assertThat(g.lifetimeWarningDays()).isZero();
    }

    @Test
    void aWorkerInTheFileIsAGivenWorkerEvenWhenZero() {
        assertThat(ConfigFiles.load(dir, "generator:\n  worker: 0\n").defaultGenerator().generator().workerGiven()).isTrue();
        assertThat(ConfigFiles.load(dir, "generator:\n  datacenter: 0\n").defaultGenerator().generator().workerGiven()).isFalse();
    }

    @Test
    void anEmptyTokenMeansNoToken() {
        HttpSettings http = ConfigFiles.load(dir, "http:\n  token: \"\"\n").http();

        assertThat(http.bearerToken()).isNull();
        assertThat(http.token()).isEmpty();
    }

    @Test
    void blankCoordinatorAddressesAreNoAddressAndOthersAreTrimmed() {
        Workers w = ConfigFiles.load(dir, "workers:\n  allocation: zookeeper\n  zookeeper: \"  zk:2181 \"\n  etcd: \"   \"\n")
                .defaultGenerator().workers();

        assertThat(w.zookeeper()).isEqualTo("zk:2181");
        assertThat(w.etcd()).isNull();
        assertThat(w.coordinator()).isEqualTo("zookeeper");
    }

    @Test
    void borrowingWithoutALeadIsAProblemNotASilentSpin() {
        assertThat(ConfigFiles.problems(dir, "generator:\n  overflowPolicy: borrow\n")).containsExactly(
                "generator.overflowPolicy borrow needs generator.overflowMaxLeadMillis 1..3600000:"
                        + " generator.overflowMaxLeadMillis=0 (example: overflowMaxLeadMillis: 10)");
    }
}
