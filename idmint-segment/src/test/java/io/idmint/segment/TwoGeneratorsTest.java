package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Uniqueness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two generators with their own pools on one database, as two processes would be, racing for segments of the
 * same biz tag: their IDs are disjoint, and the store's next value is above all of them.
 */
class TwoGeneratorsTest {
    private static final int PER_GENERATOR = 200_000;

    @Test
    void independentGeneratorsGetDisjointSegments() {
        String db = Servers.newDatabase();
        try (SegmentGenerator one = generator(db); SegmentGenerator two = generator(db); SegmentStore admin = Servers.pgStore(db)) {
            CompletableFuture<long[]> a = CompletableFuture.supplyAsync(() -> issue(one));
            CompletableFuture<long[]> b = CompletableFuture.supplyAsync(() -> issue(two));
            long[] fromOne = a.join();
            long[] fromTwo = b.join();

            Uniqueness.assertAllUnique(Uniqueness.concat(List.of(fromOne, fromTwo)));
            ConcurrentIssueTest.assertStrictlyIncreasing(fromOne);
            ConcurrentIssueTest.assertStrictlyIncreasing(fromTwo);
            assertThat(segmentsOf(fromOne)).as("both took many segments, interleaved").hasSizeGreaterThan(10);
            long next = admin.key("shared").orElseThrow().nextValue();
            assertThat(Math.max(fromOne[PER_GENERATOR - 1], fromTwo[PER_GENERATOR - 1])).isLessThan(next);
        }
    }

    private static SegmentGenerator generator(String db) {
        return SegmentGenerator.builder("shared").store(Servers.pgStore(db)).closeStores(true)
                .initialStep(1_000).minStep(1_000).maxStep(1_000).build();
    }

    private static long[] issue(SegmentGenerator g) {
        long[] ids = new long[PER_GENERATOR];
        for (int at = 0; at < PER_GENERATOR; at += 10) {
            g.issue(ids, at, BatchSize.of(10));
        }
        return ids;
    }

    /** Runs of consecutive values: each is (part of) one segment. */
    private static List<Long> segmentsOf(long[] ids) {
        List<Long> starts = new ArrayList<>(List.of(ids[0]));
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] != ids[i - 1] + 1) {
                starts.add(ids[i]);
            }
        }
        return starts;
    }
}
