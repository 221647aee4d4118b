package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code IDMINT_*} variables over a configuration: each applied, each bad value listed. */
class EnvironmentOverridesTest {
    @TempDir
    Path dir;

    private static List<String> problems(Map<String, String> env) {
        List<String> problems = new java.util.ArrayList<>();
        EnvironmentOverrides.apply(IdmintConfig.defaults(), env, problems);
        return problems;
    }

    @Test
    void noVariablesChangeNothing() {
        IdmintConfig cfg = ConfigFiles.load(dir, "layout: {preset: discord}\ngenerator: {worker: 3}\nhttp: {port: 1}\n");

        assertThat(cfg.withEnvironment(Map.of())).isEqualTo(cfg);
        assertThat(cfg.withEnvironment(Map.of("PATH", "/usr/bin", "IDMINT_UNKNOWN", "x"))).isEqualTo(cfg);
    }

    @Test
    void theDefaultGeneratorsSchemeSurvivesTheVariables() {
        IdmintConfig cfg = ConfigFiles.load(dir, "scheme: wide128\nwide128: {node: 12}\n");
        assertThat(cfg.withEnvironment(Map.of("IDMINT_HTTP_PORT", "8081")).defaultGenerator().scheme())
                .isEqualTo(new SchemeSettings.Wide128(12, java.time.Duration.ofSeconds(1)));
    }

    @Test
    void everyVariableIsApplied() {
        Map<String, String> env = new HashMap<>();
        env.put("IDMINT_LAYOUT", "instagram");
        env.put("IDMINT_DATACENTER", "0");
        env.put("IDMINT_WORKER", "42");
        env.put("IDMINT_STATE_DIR", "/var/lib/idmint");
        env.put("IDMINT_ALLOCATION", "hybrid");
        env.put("IDMINT_ZOOKEEPER", "zk:2181");
        env.put("IDMINT_ETCD", "http://e:2379");
        env.put("IDMINT_CLUSTER", "prod");
        env.put("IDMINT_REGION", "eu-west");
        env.put("IDMINT_WORKER_RANGE", "100..200");
        env.put("IDMINT_HTTP_HOST", "0.0.0.0");
        env.put("IDMINT_HTTP_PORT", "8081");
        env.put("IDMINT_TOKEN", "s3cret");
        env.put("IDMINT_GRPC_HOST", "10.0.0.1");
        env.put("IDMINT_GRPC_PORT", "9091");

        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(env);

        GeneratorSettings g = cfg.defaultGenerator().generator();
        assertThat(g).isEqualTo(GeneratorSettings.DEFAULT.withLayout(BitLayout.preset("instagram")).withWorker(42)
                .withStateDir(Path.of("/var/lib/idmint")));
        assertThat(g.workerGiven()).isTrue();
        assertThat(cfg.defaultGenerator().workers()).isEqualTo(new Workers(AllocationKind.HYBRID, "zk:2181", "http://e:2379", "prod",
                "eu-west", 100, 200, 0, -1, 10_000, 10_000, 2_000, 1));
        assertThat(cfg.http()).isEqualTo(HttpSettings.DEFAULT.withHost("0.0.0.0").withPort(8081).withBearerToken("s3cret"));
        assertThat(cfg.grpc()).isEqualTo(new GrpcSettings("10.0.0.1", 9091));
        assertThat(cfg.defaultGenerator().name()).isEqualTo("default");
    }

    @Test
    void variablesOverrideTheFileAndKeepWhatTheyDoNotName() {
        IdmintConfig file = ConfigFiles.load(dir, "layout: {preset: twitter}\ngenerator: {datacenter: 3, worker: 4, clock: monotonic}\n"
                + "http: {host: 0.0.0.0, port: 8000, token: file-token}\ngrpc: {port: 9000}\n");

        IdmintConfig cfg = file.withEnvironment(Map.of("IDMINT_DATACENTER", "5", "IDMINT_HTTP_PORT", "8001", "IDMINT_GRPC_HOST", "::1"));

        assertThat(cfg.defaultGenerator().generator()).isEqualTo(file.defaultGenerator().generator().withDatacenter(5));
        assertThat(cfg.http()).isEqualTo(file.http().withPort(8001));
        assertThat(cfg.http().token()).contains("file-token");
        assertThat(cfg.grpc()).isEqualTo(new GrpcSettings("::1", 9000));
    }

    @Test
    void variablesChangeOnlyTheDefaultGenerator() {
        IdmintConfig file = ConfigFiles.load(dir, "generators:\n  orders:\n    generator: {worker: 1}\n");

        IdmintConfig cfg = file.withEnvironment(Map.of("IDMINT_LAYOUT", "twitter", "IDMINT_WORKER", "9", "IDMINT_STATE_DIR", "",
                "IDMINT_ALLOCATION", "etcd"));

        assertThat(cfg.named()).isEqualTo(file.named());
        assertThat(cfg.defaultGenerator().generator().layout().name()).isEqualTo("twitter");
        assertThat(cfg.defaultGenerator().workers().allocation()).isEqualTo(AllocationKind.ETCD);
    }

    @Test
    void anEmptyStateDirTurnsTheHighWaterMarkOff() {
        GeneratorConfig g = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_STATE_DIR", "")).defaultGenerator();

        assertThat(g.generator().stateDir()).isNull();
        assertThat(g.highWaterMarkFile()).isEmpty();
    }

    @Test
    void anEmptyTokenTurnsTheTokenOff() {
        IdmintConfig file = ConfigFiles.load(dir, "http: {token: file-token}\n");

        assertThat(file.withEnvironment(Map.of("IDMINT_TOKEN", "")).http().token()).isEmpty();
    }

    @Test
    void numbersMayCarrySpacesAndAllocationsAnyCase() {
        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_HTTP_PORT", " 8082 ", "IDMINT_WORKER", "\t7\n",
                "IDMINT_ALLOCATION", " ZooKeeper ", "IDMINT_WORKER_RANGE", " 12 "));

        assertThat(cfg.http().port()).isEqualTo(8082);
        assertThat(cfg.defaultGenerator().generator().worker()).isEqualTo(7);
        assertThat(cfg.defaultGenerator().workers().allocation()).isEqualTo(AllocationKind.ZOOKEEPER);
        assertThat(cfg.defaultGenerator().workers().rangeFirst()).isEqualTo(12);
        assertThat(cfg.defaultGenerator().workers().rangeLast()).isEqualTo(12);
    }

    @Test
    void onlyIdmintWorkerMakesTheWorkerGiven() {
        assertThat(IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_WORKER", "0")).defaultGenerator().generator().workerGiven())
                .isTrue();
        assertThat(IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_DATACENTER", "1")).defaultGenerator().generator().workerGiven())
                .isFalse();
    }

    @Test
    void thePortLimitsAreAccepted() {
        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_HTTP_PORT", "0", "IDMINT_GRPC_PORT", "65535"));

        assertThat(cfg.http().port()).isZero();
        assertThat(cfg.grpc().port()).isEqualTo(65535);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            IDMINT_LAYOUT       | flake      | IDMINT_LAYOUT layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=flake (example: IDMINT_LAYOUT=default)
            IDMINT_LAYOUT       | ''         | IDMINT_LAYOUT layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout= (example: IDMINT_LAYOUT=default)
            IDMINT_DATACENTER   | -1         | IDMINT_DATACENTER must be 0..2147483647: IDMINT_DATACENTER=-1 (example: IDMINT_DATACENTER=1)
            IDMINT_DATACENTER   | 2147483648 | IDMINT_DATACENTER must be 0..2147483647: IDMINT_DATACENTER=2147483648 (example: IDMINT_DATACENTER=1)
            IDMINT_DATACENTER   | one        | IDMINT_DATACENTER must be 0..2147483647: IDMINT_DATACENTER=one (example: IDMINT_DATACENTER=1)
            IDMINT_WORKER       | 3.5        | IDMINT_WORKER must be 0..2147483647: IDMINT_WORKER=3.5 (example: IDMINT_WORKER=3)
            IDMINT_WORKER       | ''         | IDMINT_WORKER must be 0..2147483647: IDMINT_WORKER= (example: IDMINT_WORKER=3)
            IDMINT_ALLOCATION   | dynamic    | IDMINT_ALLOCATION must be one of [static, zookeeper, etcd, hybrid]: IDMINT_ALLOCATION=dynamic (example: IDMINT_ALLOCATION=etcd)
            IDMINT_WORKER_RANGE | 16-31      | IDMINT_WORKER_RANGE must look like first..last: IDMINT_WORKER_RANGE=16-31 (example: IDMINT_WORKER_RANGE=16..31)
            IDMINT_WORKER_RANGE | 1..z       | IDMINT_WORKER_RANGE must look like first..last: IDMINT_WORKER_RANGE=1..z (example: IDMINT_WORKER_RANGE=16..31)
            IDMINT_HTTP_PORT    | 65536      | IDMINT_HTTP_PORT must be 0..65535: IDMINT_HTTP_PORT=65536 (example: IDMINT_HTTP_PORT=8080)
            IDMINT_HTTP_PORT    | http       | IDMINT_HTTP_PORT must be 0..65535: IDMINT_HTTP_PORT=http (example: IDMINT_HTTP_PORT=8080)
            IDMINT_GRPC_PORT    | -1         | IDMINT_GRPC_PORT must be 0..65535: IDMINT_GRPC_PORT=-1 (example: IDMINT_GRPC_PORT=9090)
            IDMINT_GRPC_PORT    | 65536      | IDMINT_GRPC_PORT must be 0..65535: IDMINT_GRPC_PORT=65536 (example: IDMINT_GRPC_PORT=9090)
            """)
    void aBadValueIsListedWithTheVariableAndItsLimit(String variable, String value, String problem) {
        Map<String, String> env = Map.of(variable, value);

        assertThat(problems(env)).containsExactly(problem);
        assertThatThrownBy(() -> IdmintConfig.defaults().withEnvironment(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(problem))
                .hasMessage("the environment is invalid: " + problem);
    }

    @Test
    void aBadValueKeepsTheValueItWouldHaveHad() {
        IdmintConfig file = ConfigFiles.load(dir, "generator: {worker: 4}\nhttp: {port: 8000}\n");
        List<String> problems = new java.util.ArrayList<>();

        IdmintConfig cfg = EnvironmentOverrides.apply(file, Map.of("IDMINT_WORKER", "x", "IDMINT_HTTP_PORT", "-5",
                "IDMINT_LAYOUT", "x", "IDMINT_ALLOCATION", "x", "IDMINT_WORKER_RANGE", "x"), problems);

        assertThat(problems).hasSize(5);
        assertThat(cfg).isEqualTo(file);
    }

    @Test
    void everyBadVariableIsListedAtOnce() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IDMINT_GRPC_PORT", "p");
        env.put("IDMINT_HTTP_PORT", "70000");
        env.put("IDMINT_WORKER_FROM_HOSTNAME", "true");
        env.put("HOSTNAME", "web");
        env.put("IDMINT_WORKER_RANGE", "1..z");
        env.put("IDMINT_ALLOCATION", "dyn");
        env.put("IDMINT_WORKER", "-1");
        env.put("IDMINT_DATACENTER", "a");
        env.put("IDMINT_LAYOUT", "x");

        assertThatThrownBy(() -> IdmintConfig.defaults().withEnvironment(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "IDMINT_LAYOUT layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=x"
                                + " (example: IDMINT_LAYOUT=default)",
                        "IDMINT_DATACENTER must be 0..2147483647: IDMINT_DATACENTER=a (example: IDMINT_DATACENTER=1)",
                        "IDMINT_WORKER must be 0..2147483647: IDMINT_WORKER=-1 (example: IDMINT_WORKER=3)",
                        "IDMINT_ALLOCATION must be one of [static, zookeeper, etcd, hybrid]: IDMINT_ALLOCATION=dyn"
                                + " (example: IDMINT_ALLOCATION=etcd)",
                        "IDMINT_WORKER_RANGE must look like first..last: IDMINT_WORKER_RANGE=1..z (example: IDMINT_WORKER_RANGE=16..31)",
                        "IDMINT_WORKER_FROM_HOSTNAME needs a hostname ending in -N, as StatefulSet pods have (idmint-3 -> worker 3):"
                                + " hostname=web (example: HOSTNAME=idmint-3)",
                        "IDMINT_HTTP_PORT must be 0..65535: IDMINT_HTTP_PORT=70000 (example: IDMINT_HTTP_PORT=8080)",
                        "IDMINT_GRPC_PORT must be 0..65535: IDMINT_GRPC_PORT=p (example: IDMINT_GRPC_PORT=9090)"))
                .hasMessageStartingWith("the environment is invalid: IDMINT_LAYOUT layout must be one of")
                .hasMessageContaining("layout=x (example: IDMINT_LAYOUT=default); IDMINT_DATACENTER must be");
    }

    @ParameterizedTest(name = "HOSTNAME={0}")
    @CsvSource(delimiter = '|', textBlock = """
            idmint-7                                 | 7
            idmint-7.idmint.default.svc.cluster.local | 7
            web-0                                    | 0
            ids-012                                  | 12
            """)
    void workerFromHostnameTakesTheStatefulSetOrdinal(String hostname, long worker) {
        GeneratorSettings g = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "true",
                "HOSTNAME", hostname)).defaultGenerator().generator();

        assertThat(g.worker()).isEqualTo(worker);
        assertThat(g.workerGiven()).isTrue();
    }

    @ParameterizedTest(name = "HOSTNAME={0}")
    @ValueSource(strings = {"web", "idmint-", "idmint-x", "idmint-1234567890", "idmint-3a", "web.idmint-3"})
    void workerFromHostnameNeedsAnOrdinal(String hostname) {
        assertThat(problems(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "true", "HOSTNAME", hostname))).containsExactly(
                "IDMINT_WORKER_FROM_HOSTNAME needs a hostname ending in -N, as StatefulSet pods have (idmint-3 -> worker 3): hostname="
                        + hostname + " (example: HOSTNAME=idmint-3)");
    }

    @Test
    void workerFromHostnameIgnoresCaseAndTakesPrecedenceOverIdmintWorker() {
        GeneratorSettings g = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "TRUE",
                "HOSTNAME", "idmint-7", "IDMINT_WORKER", "3")).defaultGenerator().generator();

        assertThat(g.worker()).isEqualTo(7);
    }

    @Test
    void workerFromHostnameFalseChangesNothing() {
        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", "False", "HOSTNAME", "web"));

        assertThat(cfg).isEqualTo(IdmintConfig.defaults());
    }

    @ParameterizedTest(name = "IDMINT_WORKER_FROM_HOSTNAME={0}")
    @ValueSource(strings = {"yes", "1", ""})
    void workerFromHostnameMustBeTrueOrFalse(String value) {
        assertThatThrownBy(() -> IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_WORKER_FROM_HOSTNAME", value,
                "HOSTNAME", "idmint-7"))).isInstanceOf(ConfigException.class)
                .hasMessage("the environment is invalid: IDMINT_WORKER_FROM_HOSTNAME must be true or false:"
                        + " IDMINT_WORKER_FROM_HOSTNAME=" + value + " (example: IDMINT_WORKER_FROM_HOSTNAME=true)");
    }

    @Test
    void workerFromHostnameWithoutHostnameVariableUsesTheLocalHost() {
        // Hostnames.local() reads the process's HOSTNAME, which this test cannot set: expect what that host implies.
        String host = Hostnames.local();
        Map<String, String> env = Map.of("IDMINT_WORKER_FROM_HOSTNAME", "true");

        if (Hostnames.ordinal(host).isPresent()) {
            assertThat(IdmintConfig.defaults().withEnvironment(env).defaultGenerator().generator().worker())
                    .isEqualTo(Hostnames.ordinal(host).getAsLong());
        } else {
            assertThat(problems(env)).containsExactly("IDMINT_WORKER_FROM_HOSTNAME needs a hostname ending in -N, as StatefulSet pods"
                    + " have (idmint-3 -> worker 3): hostname=" + host + " (example: HOSTNAME=idmint-3)");
        }
    }

    @ParameterizedTest(name = "IDMINT_ZOOKEEPER=''{0}''")
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankZookeeperIsNoAddress(String blank) {
        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_ALLOCATION", "zookeeper", "IDMINT_ZOOKEEPER", blank));

        assertThat(cfg.defaultGenerator().workers().zookeeper()).isNull();
        assertThat(cfg.problems()).containsExactly("workers.allocation=zookeeper needs workers.zookeeper: zookeeper=null etcd=null"
                + " (example: zookeeper: 127.0.0.1:2181)");
    }

    @ParameterizedTest(name = "IDMINT_ETCD=''{0}''")
    @ValueSource(strings = {"", "  "})
    void aBlankEtcdIsNoAddress(String blank) {
        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_ALLOCATION", "etcd", "IDMINT_ETCD", blank));

        assertThat(cfg.defaultGenerator().workers().etcd()).isNull();
        assertThat(cfg.problems()).containsExactly("workers.allocation=etcd needs workers.etcd: zookeeper=null etcd=null"
                + " (example: etcd: http://127.0.0.1:2379)");
    }

    @Test
    void aBlankAddressClearsTheFilesAsABlankKeyInTheFileWould() {
        IdmintConfig file = ConfigFiles.load(dir, "workers: {allocation: hybrid, zookeeper: \"zk:2181\", etcd: \"\","
                + " staticRange: 0..15, range: 16..31}\n");

        // Hybrid needs exactly one coordinator: a blank IDMINT_ETCD beside IDMINT_ZOOKEEPER is not a second one.
        IdmintConfig zookeeperOnly = file.withEnvironment(Map.of("IDMINT_ETCD", ""));
        assertThat(zookeeperOnly.problems()).isEmpty();
        assertThat(zookeeperOnly.defaultGenerator().workers().coordinator()).isEqualTo("zookeeper");

        IdmintConfig etcdInstead = file.withEnvironment(Map.of("IDMINT_ZOOKEEPER", " ", "IDMINT_ETCD", "http://e:2379"));
        assertThat(etcdInstead.defaultGenerator().workers().zookeeper()).isNull();
        assertThat(etcdInstead.defaultGenerator().workers().coordinator()).isEqualTo("etcd");
        assertThat(etcdInstead.problems()).isEmpty();

        assertThat(file.withEnvironment(Map.of("IDMINT_ZOOKEEPER", "")).problems()).containsExactly("workers.allocation=hybrid"
                + " needs exactly one of workers.zookeeper and workers.etcd: zookeeper=null etcd=null (example: zookeeper: 127.0.0.1:2181)");
    }

    @Test
    void coordinatorAddressesAreTrimmed() {
        Workers w = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_ZOOKEEPER", " zk:2181 ", "IDMINT_ETCD", "\thttp://e:2379\n"))
                .defaultGenerator().workers();

        assertThat(w.zookeeper()).isEqualTo("zk:2181");
        assertThat(w.etcd()).isEqualTo("http://e:2379");
    }

    @Test
    void variablesAreNotCheckedAgainstTheLayoutUntilValidated() {
        IdmintConfig cfg = IdmintConfig.defaults().withEnvironment(Map.of("IDMINT_WORKER", "40", "IDMINT_ALLOCATION", "etcd"));

        assertThat(cfg.problems()).containsExactly(
                "generator.worker must be 0..31 for layout 'default': generator.worker=40 (example: worker: 3)",
                "workers.allocation=etcd needs workers.etcd: zookeeper=null etcd=null (example: etcd: http://127.0.0.1:2379)");
        assertThat(cfg.withEnvironment(Map.of("IDMINT_ETCD", "http://e:2379", "IDMINT_LAYOUT", "instagram")).problems()).isEmpty();
    }
}
