package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.issuing.BatchSize;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Batches across segment ends: through tryIssue when the next segment is loaded, through issue across many fetches. */
class SpanningTest {

    private static SegmentGenerator generator(SegmentStore store, int step) {
        return SegmentGenerator.builder("span").bizTag(Servers.newTag("span")).store(store).initialStep(step).minStep(step)
                .maxStep(step).build();
    }

    @Test
    void tryIssueSpansIntoTheLoadedNextSegmentAndRefusesOtherwise() {
        try (SegmentStore store = Servers.redisStore(); SegmentGenerator g = generator(store, 100)) {
            long[] ids = new long[200];
            assertThat(g.tryIssue(ids, 0, BatchSize.of(90))).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> g.details().get("next") != null);
            assertThat(g.tryIssue(ids, 90, BatchSize.of(101))).as("more than the next segment holds").isEqualTo(-1);
            assertThat(g.tryIssue(ids, 90, BatchSize.of(60))).isZero();
            assertThat(java.util.Arrays.copyOf(ids, 150)).containsExactly(LongStream.rangeClosed(1, 150).toArray());
        }
    }

    @Test
    void oneBatchMaySpanManySegments() {
        try (SegmentStore store = Servers.redisStore(); SegmentGenerator g = generator(store, 100)) {
            long[] ids = new long[5_000];
            g.issue(ids, 0, BatchSize.of(5_000));
            ConcurrentIssueTest.assertStrictlyIncreasing(ids);
            assertThat((long) g.details().get("fetches")).isGreaterThanOrEqualTo(50);
        }
    }
}
