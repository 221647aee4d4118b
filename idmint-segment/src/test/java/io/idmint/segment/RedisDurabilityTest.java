package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.FailureKind;
import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Redis;
import io.idmint.testkit.Uniqueness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Redis store is as safe as Redis's persistence: with appendonly yes and appendfsync always a kill -9 of
 * Redis loses no segment; without the append-only file it does, and IDs come out twice, which is why such a
 * Redis is refused unless the risk is accepted explicitly.
 */
class RedisDurabilityTest {

    private static SegmentGenerator generator(SegmentStore store) {
        return SegmentGenerator.builder("events").store(store).initialStep(100).minStep(100).maxStep(100)
                .maxWait(Duration.ofSeconds(5)).build();
    }

    private static long[] issue(SegmentGenerator g, int n) {
        long[] ids = new long[n];
        for (int at = 0; at < n; at += 50) {
            g.issue(ids, at, BatchSize.of(Math.min(50, n - at)));
        }
        return ids;
    }

    @Test
    void withAppendFsyncAlwaysAKill9OfRedisReissuesNothing() throws Exception {
        try (Redis redis = Redis.launch(true, "always")) {
            List<long[]> issued = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                try (SegmentStore store = SegmentStore.redis(redis.uri()).build()) {
                    SegmentGenerator g = generator(store); // abandoned, not closed: its buffered segments are lost
                    issued.add(issue(g, 1_050));
                }
                redis.kill9();
                redis.start();
            }
            long[] all = Uniqueness.concat(issued);
            Uniqueness.assertAllUnique(all);
            for (int round = 1; round < issued.size(); round++) {
                assertThat(issued.get(round)[0]).isGreaterThan(issued.get(round - 1)[1_049]);
            }
        }
    }

    @Test
    void aGeneratorRidesOutARedisRestart() throws Exception {
        try (Redis redis = Redis.launch(true, "always");
             SegmentStore store = SegmentStore.redis(redis.uri()).build();
             SegmentGenerator g = generator(store)) {
            long[] before = issue(g, 500);
            redis.kill9();
            redis.start();
            long[] after = issue(g, 500);
            assertThat(after[0]).isGreaterThan(before[499]);
            ConcurrentIssueTest.assertStrictlyIncreasing(after);
        }
    }

    @Test
    void aRedisWithoutFsyncOnEveryWriteIsRefusedNamingTheSettings() throws Exception {
        try (Redis redis = Redis.launch(true, "everysec"); SegmentStore store = SegmentStore.redis(redis.uri()).build()) {
            assertThatThrownBy(() -> generator(store))
                    .isInstanceOfSatisfying(SegmentException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT))
                    .hasMessageContaining(redis.uri()).hasMessageContaining("appendonly yes and appendfsync everysec")
                    .hasMessageContaining("Safe: appendonly yes and appendfsync always")
                    .hasMessageContaining("requireDurable(false)");
        }
    }

    @Test
    void withoutTheAppendOnlyFileAKill9HandsOutIdsAgainWhichIsWhyItIsRefused() throws Exception {
        try (Redis redis = Redis.launch(false, "everysec")) {
            try (SegmentStore strict = SegmentStore.redis(redis.uri()).build()) {
                assertThatThrownBy(() -> generator(strict)).hasMessageContaining("appendonly no");
            }
            long[] first;
            try (SegmentStore store = SegmentStore.redis(redis.uri()).requireDurable(false).build()) {
                first = issue(generator(store), 300);
            }
            redis.kill9();
            redis.start();
            long[] second;
            try (SegmentStore store = SegmentStore.redis(redis.uri()).requireDurable(false).build()) {
                second = issue(generator(store), 300);
            }
            long[] both = Uniqueness.concat(List.of(first, second));
            assertThat(Uniqueness.duplicates(both)).as("the risk requireDurable(false) accepts").isNotEmpty();
        }
    }

    @Test
    void aManagedRedisWithoutConfigIsTrusted() throws Exception {
        try (Redis redis = Redis.launch(true, "always", "--rename-command", "CONFIG", "");
             SegmentStore store = SegmentStore.redis(redis.uri()).build();
             SegmentGenerator g = generator(store)) {
            assertThat(issue(g, 10)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
    }
}
