package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.GeneratorClosedException;
import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Uniqueness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Close while four threads issue: whatever close gives back was claimed from under the issuers first, so the
 * next generator, starting at the returned value, repeats none of the IDs issued before. Repeated with
 * different timings.
 */
class CloseUnderLoadTest {

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("postgres", (Supplier<SegmentStore>) () -> Servers.pgStore(Servers.newDatabase())),
                Arguments.of("redis", (Supplier<SegmentStore>) Servers::redisStore));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void nothingIssuedBeforeCloseIsIssuedAgain(String kind, Supplier<SegmentStore> stores) {
        String tag = Servers.newTag("close-" + kind);
        try (SegmentStore store = stores.get()) {
            List<long[]> all = new ArrayList<>();
            long returned = 0;
            for (int round = 0; round < 5; round++) {
                SegmentGenerator g = SegmentGenerator.builder("closing").bizTag(tag).store(store).initialStep(300).minStep(300)
                        .maxStep(300).build();
                AtomicLong issued = new AtomicLong();
                List<CompletableFuture<long[]>> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    threads.add(CompletableFuture.supplyAsync(() -> issueUntilClosed(g, issued)));
                }
                long target = 5_000L * (round + 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> issued.get() >= target);
                g.close();
                threads.forEach(f -> all.add(f.join()));
                returned += (long) g.details().get("ids_returned_at_close");
            }
            Uniqueness.assertAllUnique(Uniqueness.concat(all));
            assertThat(returned).as("some rounds gave IDs back, which the next round then issued").isPositive();
        }
    }

    private static long[] issueUntilClosed(SegmentGenerator g, AtomicLong issued) {
        long[] ids = new long[1_000_000];
        long[] batch = new long[7];
        int at = 0;
        try {
            while (at + batch.length <= ids.length) {
                int n = 1 + at % batch.length;
                g.issue(batch, 0, BatchSize.of(n));
                System.arraycopy(batch, 0, ids, at, n);
                at += n;
                issued.addAndGet(n);
            }
        } catch (GeneratorClosedException e) {
            // the end of this round
        }
        return Arrays.copyOf(ids, at);
    }
}
