package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Real threads on the real clock: all IDs unique, each thread's IDs strictly increasing. */
class ConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 200_000;

    @Test
    void singleIdsFromManyThreads() throws Exception {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).worker(2).build();
        long[][] perThread = run(t -> {
            long[] ids = new long[PER_THREAD];
            for (int i = 0; i < PER_THREAD; i++) {
                ids[i] = gen.nextId();
            }
            return ids;
        });
        assertUniqueAndIncreasingPerThread(perThread);
        assertThat(gen.stats().generated()).isEqualTo((long) THREADS * PER_THREAD);
    }

    @Test
    void batchesAndSinglesInterleaved() throws Exception {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).worker(2).build();
        long[][] perThread = run(t -> {
            long[] ids = new long[PER_THREAD];
            int n = 0;
            while (n < PER_THREAD) {
                int want = Math.min(PER_THREAD - n, 1 + (n % 5000));
                if (t % 2 == 0 || want == 1) {
                    ids[n++] = gen.nextId();
                } else {
                    long[] batch = gen.nextIds(want).toArray();
                    System.arraycopy(batch, 0, ids, n, batch.length);
                    n += batch.length;
                }
            }
            return ids;
        });
        assertUniqueAndIncreasingPerThread(perThread);
    }

    @Test
    void wideLayoutOnACachedClockKeepsTimestampsWithinTheStatedBound() throws Exception {
        BitLayout wide = BitLayout.DEFAULT.toBuilder().name("wide").datacenterBits(0).workerBits(0).sequenceBits(22).build();
        long[][] issuedAt = new long[THREADS][];
        long[][] perThread;
        CachedTimeSource cached = CachedTimeSource.start(TimeSource.system());
        try {
            IdGenerator gen = IdGenerator.builder(wide).timeSource(cached).build();
            perThread = run(t -> {
                long[] ids = new long[PER_THREAD];
                long[] before = new long[PER_THREAD];
                for (int i = 0; i < PER_THREAD; i++) {
                    before[i] = System.currentTimeMillis();
                    ids[i] = gen.nextId();
                }
                issuedAt[t] = before;
                return ids;
            });
        } finally {
            cached.close();
        }
        assertUniqueAndIncreasingPerThread(perThread);
        // Read after close: every refresh gap that contained an issue is recorded by now.
        long maxGapNanos = cached.maxRefreshGapNanos();
        // The issue times are wall-clock readings and the gap is measured on System.nanoTime: on a loaded VM the two
        // were seen to drift apart by a millisecond or two within one gap, so the bound allows for that (3 ms).
        long boundMillis = wide.tickMillis() + (maxGapNanos + 999_999) / 1_000_000 + 3;
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                long ts = wide.decode(perThread[t][i]).timestamp().toEpochMilli();
                long before = issuedAt[t][i];
                long after = i + 1 < PER_THREAD ? issuedAt[t][i + 1] : System.currentTimeMillis();
                assertThat(ts).as("timestamp never later than the issue").isLessThanOrEqualTo(after);
                assertThat(ts).as("staleness within tick + max refresh gap (%d ms)", boundMillis)
                        .isGreaterThanOrEqualTo(before - boundMillis);
            }
        }
    }

    private static long[][] run(Function<Integer, long[]> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.apply(thread);
                }));
            }
            start.countDown();
            long[][] out = new long[THREADS][];
            for (int t = 0; t < THREADS; t++) {
                out[t] = futures.get(t).get(60, TimeUnit.SECONDS);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertUniqueAndIncreasingPerThread(long[][] perThread) {
        int total = 0;
        for (long[] ids : perThread) {
            for (int i = 1; i < ids.length; i++) {
                assertThat(ids[i]).isGreaterThan(ids[i - 1]);
            }
            total += ids.length;
        }
        long[] all = new long[total];
        int n = 0;
        for (long[] ids : perThread) {
            System.arraycopy(ids, 0, all, n, ids.length);
            n += ids.length;
        }
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                throw new AssertionError("duplicate ID " + all[i] + " among " + total);
            }
        }
    }
}
