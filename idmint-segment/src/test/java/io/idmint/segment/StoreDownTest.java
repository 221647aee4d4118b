package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.idmint.core.FailureKind;
import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Postgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With its store down a generator serves what it buffered, then fails RETRY_LATER after the bounded wait,
 * naming the biz tag, the store's error and the wait (never an error value as an ID), and recovers by itself
 * when the store comes back, above every ID it issued before.
 */
class StoreDownTest {
    private static final Duration MAX_WAIT = Duration.ofMillis(500);

    @Test
    void buffersThenRetryLaterThenRecovery() throws Exception {
        try (Postgres pg = Postgres.launch();
             SegmentStore store = SegmentStore.postgres(pg.jdbcUrl()).user(pg.user()).timeout(Duration.ofMillis(300)).build();
             SegmentGenerator g = SegmentGenerator.builder("down").store(store).initialStep(1_000).minStep(1_000).maxStep(1_000)
                     .maxWait(MAX_WAIT).build()) {
            long[] first = new long[300];
            g.issue(first, 0, BatchSize.of(300));
            await().atMost(Duration.ofSeconds(10)).until(() -> g.details().get("next") != null);

            pg.kill9();
            long buffered = (long) gauge(g, "idmint_segment_remaining_ids");
            assertThat(buffered).isEqualTo(700 + 1_000);
            long[] rest = new long[(int) buffered];
            for (int at = 0; at < rest.length; at += 100) {
                g.issue(rest, at, BatchSize.of(100)); // served from the buffers while the store is down
            }
            ConcurrentIssueTest.assertStrictlyIncreasing(rest);
            assertThat(rest[0]).isGreaterThan(first[299]);

            assertRetryLaterAfterMaxWait(g, pg.jdbcUrl());
            assertThat(g.readiness().ready()).isFalse();
            assertThat(g.readiness().reason()).contains("biz tag 'down'").contains(pg.jdbcUrl());
            assertThat(gauge(g, "idmint_segment_fetch_failures")).isPositive();
            assertThat(storeDetails(g)).containsEntry("reachable", "false");

            pg.start();
            long[] after = new long[1];
            await().atMost(Duration.ofSeconds(30)).ignoreException(SegmentException.class)
                    .until(() -> g.issue(after, 0, BatchSize.ONE) == 0);
            assertThat(after[0]).isGreaterThan(rest[rest.length - 1]);
            assertThat(g.readiness().ready()).isTrue();
            assertThat(storeDetails(g)).containsEntry("reachable", "true");
        }
    }

    private static void assertRetryLaterAfterMaxWait(SegmentGenerator g, String location) {
        assertThat(g.tryIssue(new long[1], 0, BatchSize.ONE)).as("tryIssue never waits").isEqualTo(-1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> g.issue(new long[1], 0, BatchSize.ONE))
                .isInstanceOfSatisfying(SegmentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.RETRY_LATER);
                    assertThat(e.retryAfter()).isPresent();
                })
                .hasMessageContaining("biz tag 'down'").hasMessageContaining("maxWait 500 ms")
                .hasMessageContaining(location).hasMessageContaining("both segments are used up");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isBetween(MAX_WAIT.minusMillis(50), MAX_WAIT.plusSeconds(1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> storeDetails(SegmentGenerator g) {
        return ((java.util.List<Map<String, Object>>) g.details().get("stores")).get(0);
    }

    static double gauge(SegmentGenerator g, String name) {
        return g.gauges().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().value().getAsDouble();
    }
}
