package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Postgres;
import io.idmint.testkit.Uniqueness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two PostgreSQL servers as Flickr's odd/even ticket servers (stride 2): every ID unique and of its store's
 * remainder; each thread's IDs increase across segments of both stores; with one server killed generation
 * goes on from the other, and the killed one is used again once back.
 */
class MultiStoreTest {
    private static final int STEP = 200;

    @Test
    void oddAndEvenStoresShareTheLoadAndSurviveTheLossOfOne() throws Exception {
        try (Postgres even = Postgres.launch(); Postgres odd = Postgres.launch();
             SegmentStore a = SegmentStore.postgres(even.jdbcUrl()).user("postgres").stride(2, 0).timeout(Duration.ofMillis(300)).build();
             SegmentStore b = SegmentStore.postgres(odd.jdbcUrl()).user("postgres").stride(2, 1).timeout(Duration.ofMillis(300)).build();
             SegmentGenerator g = SegmentGenerator.builder("pair").store(a).store(b).initialStep(STEP).minStep(STEP).maxStep(STEP)
                     .maxWait(Duration.ofSeconds(5)).build()) {
            Run run = new Run(g);
            run.start(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> run.issued.get() >= 100_000);
            even.kill9();
            int atKill = run.issued.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> run.issued.get() >= atKill + 60_000);
            int beforeRestart = run.issued.get();
            even.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> run.evenAfter(beforeRestart + 2 * STEP) > 0);
            run.stop();

            assertThat(run.failures).isEmpty();
            long[] all = Uniqueness.concat(run.perThread());
            Uniqueness.assertAllUnique(all);
            run.perThread().forEach(ConcurrentIssueTest::assertStrictlyIncreasing);
            assertThat(run.evenAfter(0)).as("even IDs before the kill").isPositive();
            assertThat(run.oddAfter(0)).as("odd IDs").isPositive();
            assertThat(run.evenBetween(atKill, beforeRestart)).as("even IDs issued while the even store was down: at most"
                    + " what each thread had buffered").isLessThanOrEqualTo(2L * 2 * STEP);
            long evenNext = a.key("pair").orElseThrow().nextValue();
            long oddNext = b.key("pair").orElseThrow().nextValue();
            for (long id : all) {
                assertThat(id).isLessThan(id % 2 == 0 ? evenNext : oddNext);
            }
            assertThat(g.codec().describe(new long[] {all[0]})).containsEntry("store", (int) (all[0] % 2)).containsEntry("stores", 2);
        }
    }

    /** Threads issuing single IDs and small batches until stopped; each keeps (order, id) pairs. */
    private static final class Run {
        final SegmentGenerator g;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger issued = new AtomicInteger();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        final List<long[][]> results = new ArrayList<>(); // per thread: {ids, issue order}
        final List<Integer> counts = new ArrayList<>();

        Run(SegmentGenerator g) {
            this.g = g;
        }

        void start(int n) {
            for (int t = 0; t < n; t++) {
                long[][] r = {new long[2_000_000], new long[2_000_000]};
                results.add(r);
                counts.add(0);
                int index = t;
                Thread thread = new Thread(() -> issue(r, index));
                threads.add(thread);
                thread.start();
            }
        }

        private void issue(long[][] r, int index) {
            long[] one = new long[8];
            int at = 0;
            try {
                while (!stop.get() && at + one.length <= r[0].length) {
                    int n = at % 3 == 0 ? 8 : 1;
                    g.issue(one, 0, BatchSize.of(n));
                    for (int i = 0; i < n; i++, at++) {
                        r[0][at] = one[i];
                        r[1][at] = issued.getAndIncrement();
                    }
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
            synchronized (this) {
                counts.set(index, at);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }

        synchronized List<long[]> perThread() {
            List<long[]> ids = new ArrayList<>();
            for (int t = 0; t < results.size(); t++) {
                ids.add(java.util.Arrays.copyOf(results.get(t)[0], counts.get(t)));
            }
            return ids;
        }

        /** Even IDs issued (in global issue order) at or after {@code from}; racy reads are fine for polling. */
        long evenAfter(long from) {
            return count(from, Long.MAX_VALUE, 0);
        }

        long oddAfter(long from) {
            return count(from, Long.MAX_VALUE, 1);
        }

        long evenBetween(long from, long to) {
            return count(from, to, 0);
        }

        private long count(long from, long to, int remainder) {
            long n = 0;
            for (long[][] r : results) {
                for (int i = 0; i < r[0].length && r[0][i] != 0; i++) {
                    if (r[1][i] >= from && r[1][i] < to && r[0][i] % 2 == remainder) {
                        n++;
                    }
                }
            }
            return n;
        }
    }
}
