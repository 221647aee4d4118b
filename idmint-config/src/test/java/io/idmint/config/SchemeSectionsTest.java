package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scheme: and each scheme's own section: what is read, the defaults, and every problem named with its limit. */
class SchemeSectionsTest {
    @TempDir
    Path dir;

    @Test
    void withoutASchemeEveryGeneratorIsSnowflake() {
        IdmintConfig cfg = ConfigFiles.load(dir, "generators:\n  orders: {generator: {worker: 1}}\n");
        assertThat(cfg.generators()).extracting(g -> g.scheme().name()).containsExactly("snowflake", "snowflake");
    }

    @Test
    void theSchemeIsEachGeneratorsOwnAndNotInherited() {
        IdmintConfig cfg = ConfigFiles.load(dir, """
                scheme: uuid7
                uuid7: {node: 9}
                generators:
                  orders: {}
                  events: {scheme: hlc, hlc: {maxDriftMillis: 2500}}
                """);
        assertThat(cfg.defaultGenerator().scheme()).isEqualTo(new SchemeSettings.Uuid7(9));
        assertThat(cfg.named().get(0).scheme()).isEqualTo(SchemeSettings.Snowflake.INSTANCE);
        assertThat(cfg.named().get(1).scheme()).isEqualTo(new SchemeSettings.Hlc(Duration.ofMillis(2500)));
    }

    @Test
    void anHlcWithoutALayoutOfItsOwnTakesTheHlcPresetAndOneWithTheNodeAboveTheCounterIsRefused() {
        IdmintConfig cfg = ConfigFiles.load(dir, "layout: {preset: twitter}\ngenerators:\n  events: {scheme: hlc}\n");
        assertThat(cfg.named().get(0).generator().layout().name()).isEqualTo("hlc");
        assertThat(cfg.named().get(0).generator().layout().order())
                .containsExactly(Field.TIMESTAMP, Field.SEQUENCE, Field.DATACENTER, Field.WORKER);
        assertThat(ConfigFiles.problems(dir, "scheme: hlc\nlayout: {preset: twitter}\n")).containsExactly(
                "layout.order must put the sequence above datacenter and worker for scheme hlc, so merged IDs order by"
                        + " time and counter whichever node issued them: layout.order=[TIMESTAMP, DATACENTER, WORKER,"
                        + " SEQUENCE] (example: layout: {preset: hlc})");
    }

    @Test
    void uuid7AndWide128TakeTheirNodeFromDatacenterAndWorkerUnlessGiven() {
        IdmintConfig cfg = ConfigFiles.load(dir, """
                scheme: wide128
                generator: {datacenter: 2, worker: 5}
                generators:
                  uuids: {scheme: uuid7, generator: {worker: 6}}
                  pinned: {scheme: uuid7, uuid7: {node: 77}}
                """);
        assertThat(cfg.defaultGenerator().node()).isEqualTo(2L << 16 | 5);
        assertThat(cfg.named().get(0).node()).isEqualTo(2L << 16 | 6);
        assertThat(cfg.named().get(1).node()).isEqualTo(77);
        assertThat(cfg.defaultGenerator().nodeMarkFile()).hasValueSatisfying(p -> assertThat(p.toString())
                .endsWith("data/wide128-node131077.hwm"));
    }

    @Test
    void twoUuid7GeneratorsWithOneNodeAreAProblem() {
        assertThat(ConfigFiles.problems(dir, "scheme: uuid7\ngenerators:\n  more: {scheme: uuid7}\n")).containsExactly(
                "generators default and more would issue the same IDs: both uuid7 with node 0 (example:"
                        + " generators.more.uuid7.node: 1)");
    }

    @Test
    void aLeasedUuid7NeedsAnExplicitNode() {
        assertThat(ConfigFiles.problems(dir, """
                scheme: uuid7
                workers: {allocation: etcd, etcd: "http://127.0.0.1:2379"}
                """)).containsExactly("uuid7.node must be set: the workers are leased (workers.allocation=etcd), and a uuid7"
                + " node is not (example: uuid7: {node: 7})");
    }

    @Test
    void aSectionOfAnotherSchemeIsAProblem() {
        assertThat(ConfigFiles.problems(dir, "hlc: {maxDriftMillis: 100}\n")).containsExactly(
                "hlc: is the section of scheme hlc, but scheme=snowflake (example: scheme: hlc)");
        assertThat(ConfigFiles.problems(dir, "scheme: uuid8\n")).containsExactly(
                "scheme must be one of [snowflake, segment, hlc, uuid7, wide128]: scheme=uuid8 (example: scheme: segment)");
    }

    @Test
    void segmentSettingsAreReadWithTheirDefaults() {
        IdmintConfig cfg = ConfigFiles.load(dir, """
                scheme: segment
                segment:
                  urls: ["jdbc:postgresql://127.0.0.1:5432/a", "jdbc:postgresql://127.0.0.1:5433/b"]
                  user: idmint
                  bizTag: orders.v2
                  step: 500
                  segmentDurationMillis: 30000
                  refillAtUsedRatio: 0.5
                  maxWaitMillis: 200
                """);
        SchemeSettings.Segment s = (SchemeSettings.Segment) cfg.defaultGenerator().scheme();
        assertThat(s.store()).isEqualTo("postgresql");
        assertThat(s.urls()).hasSize(2);
        assertThat(s.user()).isEqualTo("idmint");
        assertThat(s.passwordEnv()).isEqualTo("IDMINT_SEGMENT_PASSWORD");
        assertThat(s.bizTag()).isEqualTo("orders.v2");
        assertThat(List.of(s.step(), s.minStep(), s.maxStep())).containsExactly(500L, 100L, 1_000_000L);
        assertThat(s.segmentDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.refillAtUsedRatio()).isEqualTo(0.5);
        assertThat(s.maxWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.requireDurable()).isTrue();
    }

    @Test
    void segmentProblemsNameTheKeyTheValueAndTheLimit() {
        assertThat(ConfigFiles.problems(dir, """
                scheme: segment
                segment:
                  store: redis
                  url: "jdbc:postgresql://db/ids"
                  bizTag: "bad tag!"
                  step: 5000
                  maxStep: 1000
                  refillAtUsedRatio: 1.5
                """)).containsExactlyInAnyOrder(
                "segment.refillAtUsedRatio must be a number between 0 and 1, exclusive: segment.refillAtUsedRatio=1.5"
                        + " (example: refillAtUsedRatio: 0.25)",
                "segment.urls: a redis store's URL starts with redis://: url=jdbc:postgresql://db/ids (example: url:"
                        + " redis://127.0.0.1:6379)",
                "segment.bizTag must match [A-Za-z0-9][A-Za-z0-9_.:-]{0,127}: segment.bizTag=bad tag! (example: bizTag: orders)",
                "segment.step must lie within minStep..maxStep: minStep=100 step=5000 maxStep=1000 (example: step: 1000,"
                        + " minStep: 100, maxStep: 1000000)");
        assertThat(ConfigFiles.problems(dir, "scheme: segment\n")).containsExactlyInAnyOrder(
                "segment.urls must name at least one JDBC URL: none given (example: url: jdbc:postgresql://127.0.0.1:5432/idmint)",
                "segment.bizTag must be set: the business key this generator counts for (example: bizTag: orders)");
    }
}
