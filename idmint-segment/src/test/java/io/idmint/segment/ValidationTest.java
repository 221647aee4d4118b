package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.FailureKind;
import io.idmint.core.InvalidRequestException;
import io.idmint.testkit.FreePorts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every refusal names the value and the limit (or the store and the cause), and has the right kind. */
class ValidationTest {

    @Test
    void bizTagsFollowOneRule() {
        assertThatThrownBy(() -> SegmentGenerator.builder("g").bizTag("-leading-dash"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("biz tag must match [A-Za-z0-9][A-Za-z0-9_.:-]{0,127}: biz_tag=-leading-dash");
        assertThatThrownBy(() -> SegmentGenerator.builder("g").bizTag("a".repeat(129))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> SegmentGenerator.builder("g").bizTag(null)).hasMessageEndingWith("biz_tag=null");
        assertThat(SegmentStore.checkBizTag("Order.v2:eu-1_a")).isEqualTo("Order.v2:eu-1_a");
        assertThatThrownBy(() -> SegmentGenerator.builder("Bad Name")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("name=Bad Name");
    }

    @Test
    void stepsAndRatiosNameTheValueAndTheLimit() {
        SegmentGeneratorBuilder b = SegmentGenerator.builder("g");
        assertThatThrownBy(() -> b.initialStep(0)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("initialStep must be 1..10000000: initialStep=0");
        assertThatThrownBy(() -> b.maxStep(10_000_001)).hasMessage("maxStep must be 1..10000000: maxStep=10000001");
        assertThatThrownBy(() -> b.refillAtUsedRatio(1.0)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("refillAtUsedRatio must be in (0, 1), exclusive: refillAtUsedRatio=1.0");
        assertThatThrownBy(() -> b.refillAtUsedRatio(0)).hasMessageContaining("refillAtUsedRatio=0.0");
        assertThatThrownBy(() -> b.maxWait(Duration.ZERO)).hasMessageContaining("maxWait=PT0S");
        assertThatThrownBy(() -> b.segmentDuration(Duration.ofSeconds(-1))).hasMessageContaining("segmentDuration=PT-1S");
        try (SegmentStore never = Servers.pgStore("jdbc:postgresql://127.0.0.1:1/never-contacted")) {
            assertThatThrownBy(() -> SegmentGenerator.builder("g").store(never).minStep(500).maxStep(100).build())
                    .isInstanceOf(InvalidRequestException.class).hasMessage("minStep must be at most maxStep: minStep=500, maxStep=100");
            assertThatThrownBy(() -> SegmentGenerator.builder("g").store(never).minStep(100).maxStep(200).initialStep(1_000).build())
                    .hasMessage("initialStep must be 100..200 (minStep..maxStep): initialStep=1000");
        }
        assertThatThrownBy(() -> SegmentGenerator.builder("g").build()).hasMessage("a segment generator needs at least one store: stores=0");
    }

    @Test
    void theAdminApiChecksLikeTheGenerator() {
        try (SegmentStore store = Servers.pgStore(Servers.newDatabase())) {
            assertThatThrownBy(() -> store.createKey("ok", 0, "x")).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("step must be 1..10000000: step=0");
            assertThatThrownBy(() -> store.createKey("no spaces", 10, "x")).hasMessageContaining("biz_tag=no spaces");
            assertThatThrownBy(() -> store.createKey("ok", 10, "d".repeat(257))).hasMessageContaining("length=257");
            assertThatThrownBy(() -> store.key("bad/tag")).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void storeSettingsAreChecked() {
        assertThatThrownBy(() -> SegmentStore.postgres("jdbc:mysql://127.0.0.1/x?password=secret"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SegmentStore.redis("http://127.0.0.1:6379")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> SegmentStore.postgres("jdbc:postgresql://h/db").stride(2, 2))
                .hasMessage("remainder must be 0..1: remainder=2");
        assertThatThrownBy(() -> SegmentStore.redis("redis://h").stride(0, 0)).hasMessage("stride must be 1..1024: stride=0");
        assertThatThrownBy(() -> SegmentStore.redis("redis://h").timeout(Duration.ofHours(2))).hasMessageContaining("timeout=PT2H");
    }

    @Test
    void storesOfOneGeneratorShareAStrideAndSplitTheRemainders() {
        SegmentStore a = SegmentStore.postgres("jdbc:postgresql://127.0.0.1:1/a").stride(2, 0).build();
        SegmentStore b = SegmentStore.postgres("jdbc:postgresql://127.0.0.1:1/b").stride(2, 0).build();
        SegmentStore c = SegmentStore.postgres("jdbc:postgresql://127.0.0.1:1/c").stride(3, 1).build();
        try (a; b; c) {
            assertThatThrownBy(() -> SegmentGenerator.builder("g").store(a).store(b).build())
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("remainder 0 (mod 2)");
            assertThatThrownBy(() -> SegmentGenerator.builder("g").store(a).store(c).build())
                    .hasMessageContaining("same stride").hasMessageContaining("/a has 2").hasMessageContaining("/c has 3");
        }
    }

    @Test
    void anUnreachablePostgresAtStartIsRetryLaterNamingTheUrlWithoutPassword() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.loopback() + "/ids?password=secret&ApplicationName=x";
        try (SegmentStore store = SegmentStore.postgres(url).user("postgres").timeout(Duration.ofMillis(300)).build()) {
            assertThat(store.location()).doesNotContain("secret").contains("ApplicationName=x");
            assertThatThrownBy(() -> SegmentGenerator.builder("g").store(store).build())
                    .isInstanceOfSatisfying(SegmentException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.RETRY_LATER))
                    .hasMessageContaining(store.location()).hasMessageContaining("unreachable")
                    .hasMessageContaining("Connection").hasMessageNotContaining("secret");
        }
    }

    @Test
    void anUnreachableRedisAtStartIsRetryLaterNamingTheUri() {
        String uri = "redis://:secret@127.0.0.1:" + FreePorts.loopback();
        try (SegmentStore store = SegmentStore.redis(uri).timeout(Duration.ofMillis(300)).build()) {
            assertThat(store.location()).doesNotContain("secret").startsWith("redis://127.0.0.1:");
            assertThatThrownBy(() -> SegmentGenerator.builder("g").store(store).build())
                    .isInstanceOfSatisfying(SegmentException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.RETRY_LATER))
                    .hasMessageContaining(store.location()).hasMessageContaining("unreachable").hasMessageNotContaining("secret");
        }
    }

    @Test
    void aStoreConfiguredWithAnotherStrideThanItsRowsIsRefusedForGood() {
        String db = Servers.newDatabase();
        try (SegmentStore single = Servers.pgStore(db);
             SegmentStore asPair = SegmentStore.postgres(db).user("postgres").stride(2, 1).build()) {
            assertThat(single.createKey("orders", 100, "one database")).isTrue();
            assertThat(single.createKey("orders", 200, "again")).isFalse();

            assertThatThrownBy(() -> SegmentGenerator.builder("orders").store(asPair).build())
                    .isInstanceOfSatisfying(SegmentException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT))
                    .hasMessageContaining("biz tag 'orders'").hasMessageContaining("created with stride 1 and remainder 0")
                    .hasMessageContaining("configured with stride 2 and remainder 1").hasMessageContaining("duplicate IDs");
            assertThatThrownBy(() -> asPair.take("orders", 10, 0))
                    .isInstanceOfSatisfying(SegmentException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT));
            assertThat(single.key("orders").orElseThrow().nextValue()).as("the refused take changed nothing").isEqualTo(1);
        }
    }
}
