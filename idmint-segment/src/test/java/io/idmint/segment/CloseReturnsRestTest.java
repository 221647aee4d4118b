package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.GeneratorClosedException;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.NamedGenerator;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Close gives the unused rest back with a compare-and-set, so the next generator starts exactly where the
 * last one stopped; when someone took a segment meanwhile, the compare-and-set refuses and the loss is counted.
 */
class CloseReturnsRestTest {

    private static SegmentGenerator generator(SegmentStore store, String tag) {
        return SegmentGenerator.builder("closing").bizTag(tag).store(store).initialStep(1_000).minStep(1_000).maxStep(1_000).build();
    }

    private static long[] issue(NamedGenerator g, int n) {
        long[] ids = new long[n];
        g.issue(ids, 0, BatchSize.of(n));
        return ids;
    }

    private static double gauge(NamedGenerator g, String name) {
        return g.gauges().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().value().getAsDouble();
    }

    @Test
    void theNextGeneratorStartsRightAfterTheLastIdIssuedBeforeClose() {
        try (SegmentStore store = Servers.pgStore(Servers.newDatabase())) {
            SegmentGenerator first = generator(store, "orders");
            long[] before = issue(first, 10);
            first.close();
            assertThat(gauge(first, "idmint_segment_ids_returned_at_close")).isEqualTo(990);
            assertThat(gauge(first, "idmint_segment_ids_lost_at_close")).isZero();
            assertThat(store.key("orders").orElseThrow().nextValue()).isEqualTo(before[9] + 1);

            try (SegmentGenerator second = generator(store, "orders")) {
                assertThat(issue(second, 1)[0]).isEqualTo(before[9] + 1);
            }
        }
    }

    @Test
    void bothBufferedSegmentsAreReturnedWhenTheNextWasAlreadyFetched() {
        try (SegmentStore store = Servers.pgStore(Servers.newDatabase())) {
            SegmentGenerator first = generator(store, "orders");
            long[] before = issue(first, 300); // past the refill threshold (250 of 1,000): the next segment is fetched
            await().atMost(Duration.ofSeconds(10)).until(() -> first.details().get("next") != null);
            assertThat(store.key("orders").orElseThrow().nextValue()).isEqualTo(2_001);
            first.close();
            assertThat(gauge(first, "idmint_segment_ids_returned_at_close")).isEqualTo(700 + 1_000);

            try (SegmentGenerator second = generator(store, "orders")) {
                assertThat(issue(second, 1)[0]).isEqualTo(before[299] + 1);
            }
        }
    }

    @Test
    void theCompareAndSetRefusesWhenAnotherTookASegmentMeanwhile() {
        try (SegmentStore store = Servers.pgStore(Servers.newDatabase())) {
            SegmentGenerator first = generator(store, "orders");
            long[] mine = issue(first, 10);
            try (SegmentGenerator other = generator(store, "orders")) {
                long[] theirs = issue(other, 1);
                assertThat(theirs[0]).isGreaterThan(mine[9] + 990); // above first's whole segment
                first.close();
                assertThat(gauge(first, "idmint_segment_ids_lost_at_close")).isEqualTo(990);
                assertThat(gauge(first, "idmint_segment_ids_returned_at_close")).isZero();
                assertThat(first.details()).containsEntry("ids_lost_at_close", 990L);
                assertThat(store.key("orders").orElseThrow().nextValue()).as("other's segment untouched").isEqualTo(2_001);
            }
        }
    }

    @Test
    void aClosedGeneratorRefusesForGood() {
        try (SegmentStore store = Servers.pgStore(Servers.newDatabase())) {
            SegmentGenerator g = generator(store, "orders");
            g.close();
            g.close(); // idempotent
            Assertions.assertThatThrownBy(() -> issue(g, 1)).isInstanceOf(GeneratorClosedException.class)
                    .hasMessageContaining("biz tag 'orders'").hasMessageContaining("closed");
            Assertions.assertThatThrownBy(() -> g.tryIssue(new long[1], 0, BatchSize.ONE)).isInstanceOf(GeneratorClosedException.class);
            assertThat(g.readiness().ready()).isFalse();
            assertThat(g.details()).containsEntry("closed", true);
        }
    }
}
