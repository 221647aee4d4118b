package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** UUIDv7 and the HLC (issuing while another thread merges IDs from a node ahead) under several threads. */
class SchemesConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 100_000;

    @Test
    void uuidV7IsUniqueAndIncreasingPerThreadUnderContention() throws Exception {
        UuidV7Generator g = UuidV7Generator.builder().node(5).build();
        List<List<UUID>> seen = run(() -> {
            List<UUID> mine = new ArrayList<>(PER_THREAD);
            long[] batch = new long[2 * 10];
            for (int i = 0; i < PER_THREAD / 10; i++) {
                g.next(batch, 0, 10);
                for (int k = 0; k < 10; k++) {
                    mine.add(new UUID(batch[2 * k], batch[2 * k + 1]));
                }
            }
            return mine;
        });
        Set<UUID> all = new HashSet<>();
        for (List<UUID> mine : seen) {
            for (int i = 1; i < mine.size(); i++) {
                assertThat(Id128.from(mine.get(i))).isGreaterThan(Id128.from(mine.get(i - 1)));
            }
            all.addAll(mine);
        }
        assertThat(all).hasSize(THREADS * PER_THREAD);
    }

    @Test
    void hlcMergesFromAnotherThreadNeverBreakUniquenessOrPerThreadOrder() throws Exception {
        BitLayout hlc = BitLayout.preset("hlc");
        IdGenerator g = IdGenerator.builder(hlc).worker(1).rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(5)))
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofSeconds(5))).build();
        List<List<Long>> seen = run(() -> {
            List<Long> mine = new ArrayList<>(PER_THREAD);
            long[] remote = {hlc.compose(System.currentTimeMillis(), 0, 30, 0)};
            for (int i = 0; i < PER_THREAD; i++) {
                if (i % 1000 == 0) {
                    // A node up to 2 s ahead answers now and then: every later ID must sort after what it sent.
                    remote[0] = hlc.compose(System.currentTimeMillis() + (i % 2000), 0, 30, i % 4096);
                    g.observe(remote[0]);
                }
                long id = g.nextId();
                if (i % 1000 == 0) {
                    assertThat(id).isGreaterThan(remote[0]);
                }
                mine.add(id);
            }
            return mine;
        });
        Set<Long> all = new HashSet<>();
        for (List<Long> mine : seen) {
            assertThat(mine).isSorted().doesNotHaveDuplicates();
            all.addAll(mine);
        }
        assertThat(all).hasSize(THREADS * PER_THREAD);
    }

    private static <T> List<List<T>> run(java.util.concurrent.Callable<List<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            List<List<T>> out = new ArrayList<>();
            for (Future<List<T>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
