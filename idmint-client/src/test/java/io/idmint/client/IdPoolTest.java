package io.idmint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool against a scripted source: exact hand-out (nothing twice, nothing skipped), outage, recovery. */
class IdPoolTest {
    private final ScheduledExecutorService refiller = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        refiller.shutdownNow();
    }

    @Test
    void concurrentCallersGetEveryFetchedIdExactlyOnce() throws Exception {
        int batch = 1_000;
        RangeSource source = new RangeSource(batch);
        IdPool pool = new IdPool(source, 0.5, Duration.ofSeconds(5), refiller);
        pool.requestRefill();

        int threads = 4;
        int perThread = 50 * batch;
        long[] all = takeConcurrently(pool, threads, perThread);

        Arrays.sort(all);
        for (int i = 0; i < all.length; i++) {
            if (all[i] != i) { // batches are [k*1000, (k+1)*1000): a skip or a repeat breaks this
                throw new AssertionError("expected ID " + i + " at sorted index " + i + " but found " + all[i]);
            }
        }
        assertThat(source.fetches.get()).isBetween(200, 202);
        pool.close();
    }

    @Test
    void anEmptyPoolFailsAfterMaxWaitNamingTheLastErrorThenRecoversWhenTheSourceDoes() {
        RangeSource source = new RangeSource(10);
        source.failing = true;
        IdPool pool = new IdPool(source, 0.5, Duration.ofMillis(200), refiller);
        pool.requestRefill();

        long start = System.nanoTime();
        Throwable t = catchThrowable(pool::next);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(t).isInstanceOf(IdClientException.class)
                .hasMessageContaining("within 200 ms (maxWaitWhenEmpty)")
                .hasMessageContaining("GenerateBatch failed on [test:1]; last error from test:1: UNAVAILABLE");
        assertThat(waited).isBetween(150L, 2_000L);

        source.failing = false; // the background retry (with backoff) picks it up
        assertThat(nextWithin(pool, Duration.ofSeconds(5))).isZero();
        pool.close();
    }

    @Test
    void closeWakesAWaitingCallerAndLaterCallsFail() throws Exception {
        RangeSource source = new RangeSource(10);
        source.failing = true;
        IdPool pool = new IdPool(source, 0.5, Duration.ofSeconds(30), refiller);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Long> waiting = caller.submit(pool::next);
            source.awaitFetch();

            pool.close();

            Throwable t = catchThrowable(() -> waiting.get(5, TimeUnit.SECONDS));
            assertThat(t).hasCauseInstanceOf(IdClientException.class).hasMessageContaining("closed");
            assertThat(catchThrowable(pool::next)).isInstanceOf(IdClientException.class).hasMessageContaining("closed");
        } finally {
            caller.shutdownNow();
        }
    }

    private static long nextWithin(IdPool pool, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return pool.next();
            } catch (IdClientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static long[] takeConcurrently(IdPool pool, int threads, int perThread) throws Exception {
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(exec.submit(() -> {
                    long[] out = new long[perThread];
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        out[i] = pool.next();
                    }
                    return out;
                }));
            }
            go.countDown();
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(futures.get(t).get(30, TimeUnit.SECONDS), 0, all, t * perThread, perThread);
            }
            return all;
        } finally {
            exec.shutdownNow();
        }
    }

    /** Hands out consecutive ranges of {@code batch} IDs, or fails like an unreachable server. */
    private static final class RangeSource implements BatchSource {
        final AtomicInteger fetches = new AtomicInteger();
        private final int batch;
        private final CountDownLatch fetched = new CountDownLatch(1);
        private long next;
        volatile boolean failing;

        RangeSource(int batch) {
            this.batch = batch;
        }

        @Override
        public long[] fetch() {
            fetched.countDown();
            if (failing) {
                throw new IdClientException("GenerateBatch failed on [test:1]; last error from test:1: UNAVAILABLE: down");
            }
            fetches.incrementAndGet();
            long[] ids = new long[batch];
            for (int i = 0; i < batch; i++) {
                ids[i] = next++;
            }
            return ids;
        }

        void awaitFetch() throws InterruptedException {
            assertThat(fetched.await(5, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public String describe() {
            return "[test:1]";
        }
    }
}
