package io.idmint.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.idmint.client.IdClient;
import io.idmint.client.IdClientException;
import io.idmint.core.BitLayout;
import io.idmint.testkit.Uniqueness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** IdClient against real servers: batching, concurrency, failover, outage, close. */
class IdClientTest {
    private static final String GENERATE_BATCH = "GenerateBatch";

    @Test
    void fourThreadsTakeFourMillionUniqueIdsInAboutIdsOverBatchSizeCalls() throws Exception {
        int threads = 4;
        int perThread = 1_000_000;
        int batchSize = 10_000;
        try (TestNode node = TestNode.start(1);
             IdClient client = IdClient.builder().address(node.address()).batchSize(batchSize)
                     .maxWaitWhenEmpty(Duration.ofSeconds(5)).build()) {
            long[][] taken = takeConcurrently(client, threads, perThread);

            Uniqueness.assertAllUnique(Uniqueness.concat(List.of(taken)));
            // 400 batches were used; the low-water mark of the last one fetched one more standby.
            long expected = (long) threads * perThread / batchSize;
            assertThat(node.okCalls(GENERATE_BATCH)).isBetween(expected, expected + 2);
        }
    }

    @Test
    void keepsServingFromTheSecondServerWhenTheFirstStops() {
        try (TestNode first = TestNode.start(1); TestNode second = TestNode.start(2);
             IdClient client = IdClient.builder().address(first.address()).address(second.address()).batchSize(100)
                     .maxWaitWhenEmpty(Duration.ofSeconds(5)).build()) {
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                ids.add(client.nextId());
            }
            assertThat(ids).hasSize(300).allSatisfy(id -> assertThat(worker(id)).isEqualTo(1));
            assertThat(second.okCalls(GENERATE_BATCH)).isZero(); // sticks to the first while it answers

            first.server.shutdown(Duration.ofSeconds(2));
            for (int i = 0; i < 2_000; i++) {
                assertThat(ids.add(client.nextId())).isTrue();
            }

            assertThat(ids.stream().filter(id -> worker(id) == 2).count()).isGreaterThanOrEqualTo(1_500);
            assertThat(second.okCalls(GENERATE_BATCH)).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void failsOverPastAServerThatHangsBeyondTheCallTimeout() {
        try (TestNode hung = TestNode.start(1); TestNode healthy = TestNode.start(2)) {
            hung.generator.hold();
            try (IdClient client = IdClient.builder().address(hung.address()).address(healthy.address())
                    .callTimeout(Duration.ofMillis(200)).maxWaitWhenEmpty(Duration.ofSeconds(5)).build()) {
                long id = client.nextId();

                assertThat(worker(id)).isEqualTo(2);
                assertThat(healthy.okCalls(GENERATE_BATCH)).isGreaterThanOrEqualTo(1);
            } finally {
                hung.generator.release();
            }
        }
    }

    @Test
    void servesThePoolThroughAnOutageThenFailsClearlyWithinMaxWait() {
        Duration maxWait = Duration.ofMillis(500);
        try (TestNode node = TestNode.start(1);
             IdClient client = IdClient.builder().address(node.address()).batchSize(1_000).maxWaitWhenEmpty(maxWait)
                     .build()) {
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 501; i++) { // taking index 500 crosses the 50% low-water mark
                ids.add(client.nextId());
            }
            await("the standby batch to be served").atMost(Duration.ofSeconds(5)).until(() -> node.okCalls(GENERATE_BATCH) == 2);
            node.server.shutdown(Duration.ofSeconds(5)); // the standby reply is in flight: shutdown lets it finish

            for (int i = 501; i < 2_000; i++) {
                assertThat(ids.add(client.nextId())).as("ID %d of the pooled 2000", i).isTrue();
            }
            long start = System.nanoTime();
            Throwable failure = catchThrowable(client::nextId);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(failure).isInstanceOf(IdClientException.class)
                    .hasMessageContaining("within 500 ms (maxWaitWhenEmpty)")
                    .hasMessageContaining(node.address())
                    .hasMessageContaining("UNAVAILABLE");
            assertThat(waitedMillis).isBetween(400L, 500L + 1_500L);
            assertThat(ids).hasSize(2_000);
        }
    }

    @Test
    void closeShutsTheClientAndLaterCallsFail() {
        try (TestNode node = TestNode.start(1)) {
            IdClient client = IdClient.builder().address(node.address()).batchSize(10).build();
            assertThat(client.nextId()).isPositive();

            client.close();

            assertThatThrownBy(client::nextId).isInstanceOf(IdClientException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void builderRejectsBadSettingsNamingValueAndLimit() {
        assertThatThrownBy(() -> IdClient.builder().batchSize(0)).hasMessage("batchSize must be 1..100000: batchSize=0");
        assertThatThrownBy(() -> IdClient.builder().lowWaterMark(1.5))
                .hasMessage("lowWaterMark must be in (0, 1]: lowWaterMark=1.5");
        assertThatThrownBy(() -> IdClient.builder().build()).hasMessageContaining("at least one address");
    }

    private static long[][] takeConcurrently(IdClient client, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] out = new long[perThread];
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        out[i] = client.nextId();
                    }
                    return out;
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            long[][] result = new long[threads][];
            for (int t = 0; t < threads; t++) {
                result[t] = futures.get(t).get(60, TimeUnit.SECONDS);
            }
            System.out.printf("IdClient: %d IDs from %d threads in %d ms%n", (long) threads * perThread, threads,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int worker(long id) {
        return BitLayout.DEFAULT.decode(id).worker();
    }
}
