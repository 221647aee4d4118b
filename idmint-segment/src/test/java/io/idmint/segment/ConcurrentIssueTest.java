package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Uniqueness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 4 threads x 1,000,000 IDs with segments of a few thousand (about a thousand fetches), batches of 1..64
 * that often span two segments, a third of them through tryIssue: every ID unique, every thread's IDs
 * strictly increasing, the generated count exact.
 */
class ConcurrentIssueTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 1_000_000;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("postgres", (Supplier<SegmentStore>) () -> Servers.pgStore(Servers.newDatabase())),
                Arguments.of("redis", (Supplier<SegmentStore>) Servers::redisStore));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void idsAreUniqueAndIncreasePerThread(String kind, Supplier<SegmentStore> store) throws Exception {
        try (SegmentGenerator g = SegmentGenerator.builder("concurrent").bizTag(Servers.newTag("concurrent-" + kind))
                .store(store.get()).closeStores(true)
                .initialStep(500).minStep(500).maxStep(4_000).segmentDuration(Duration.ofSeconds(10)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 42 + t;
                results.add(pool.submit(() -> issueAll(g, new Random(seed))));
            }
            List<long[]> perThread = new ArrayList<>();
            for (Future<long[]> f : results) {
                perThread.add(f.get());
            }
            pool.shutdown();

            for (long[] ids : perThread) {
                assertStrictlyIncreasing(ids);
            }
            long[] all = Uniqueness.concat(perThread);
            Uniqueness.assertAllUnique(all);
            assertThat(java.util.Arrays.stream(all).min().orElseThrow()).isGreaterThanOrEqualTo(1);
            assertThat(g.stats().generated()).isEqualTo((long) THREADS * PER_THREAD);
            assertThat((long) g.details().get("fetches")).as("segments fetched").isGreaterThan(500);
        }
    }

    private static long[] issueAll(SegmentGenerator g, Random random) {
        long[] ids = new long[PER_THREAD];
        for (int at = 0; at < PER_THREAD; ) {
            int n = Math.min(PER_THREAD - at, random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 1);
            BatchSize count = BatchSize.of(n);
            if (random.nextInt(3) != 0 || g.tryIssue(ids, at, count) < 0) {
                g.issue(ids, at, count);
            }
            at += n;
        }
        return ids;
    }

    static void assertStrictlyIncreasing(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new AssertionError("IDs of one thread must strictly increase: ids[" + (i - 1) + "]=" + ids[i - 1]
                        + ", ids[" + i + "]=" + ids[i]);
            }
        }
    }
}
