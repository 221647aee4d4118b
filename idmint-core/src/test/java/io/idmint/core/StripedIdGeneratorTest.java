package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Several worker IDs in one process: each thread sticks to one, all IDs unique, every thread's increasing. */
class StripedIdGeneratorTest {
    private static List<IdGenerator> slots(int first, int count) {
        List<IdGenerator> slots = new ArrayList<>();
        for (int w = first; w < first + count; w++) {
            slots.add(IdGenerator.builder(BitLayout.DEFAULT).worker(w).build());
        }
        return slots;
    }

    @Test
    void threadsSpreadOverTheWorkersStickToOneAndNeverCollide() throws Exception {
        IdGenerator striped = IdGenerator.striped(slots(4, 2));
        int threads = 4;
        int perThread = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                long[] ids = new long[perThread];
                for (int i = 0; i < perThread; i += 100) {
                    if (i % 200 == 0) {
                        striped.nextIds(ids, i, 100);
                    } else {
                        for (int k = 0; k < 100; k++) {
                            ids[i + k] = striped.nextId();
                        }
                    }
                }
                return ids;
            }));
        }
        Set<Long> all = new HashSet<>();
        Set<Integer> workersUsed = new HashSet<>();
        for (Future<long[]> f : futures) {
            long[] ids = f.get();
            int worker = BitLayout.DEFAULT.decode(ids[0]).worker();
            workersUsed.add(worker);
            for (int i = 0; i < ids.length; i++) {
                assertThat(BitLayout.DEFAULT.decode(ids[i]).worker()).as("a thread sticks to its slot").isEqualTo(worker);
                if (i > 0) {
                    assertThat(ids[i]).isGreaterThan(ids[i - 1]);
                }
                all.add(ids[i]);
            }
        }
        pool.shutdown();
        assertThat(all).hasSize(threads * perThread);
        assertThat(workersUsed).as("four threads round-robin over two workers").containsExactlyInAnyOrder(4, 5);
        assertThat(striped.stats().generated()).isEqualTo((long) threads * perThread);
        assertThat(striped.slots()).extracting(IdGenerator::worker).containsExactly(4, 5);
    }

    @Test
    void closeClosesEverySlotAndReadinessNamesTheSlotThatIsNotReady() {
        List<IdGenerator> slots = slots(0, 3);
        IdGenerator striped = IdGenerator.striped(slots);
        assertThat(striped.readiness().ready()).isTrue();
        slots.get(1).close();
        assertThat(striped.readiness().reason()).startsWith("worker 1: ");
        striped.close();
        for (IdGenerator g : slots) {
            assertThatThrownBy(g::nextId).isInstanceOf(GeneratorClosedException.class);
        }
    }

    @Test
    void aThreadKeepsItsSlotAcrossCalls() throws Exception {
        IdGenerator striped = IdGenerator.striped(slots(10, 2));
        AtomicReference<Integer> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            int first = BitLayout.DEFAULT.decode(striped.nextId()).worker();
            for (int i = 0; i < 10_000; i++) {
                if (BitLayout.DEFAULT.decode(striped.nextId()).worker() != first) {
                    seen.set(-1);
                    return;
                }
            }
            seen.set(first);
        });
        t.start();
        t.join();
        assertThat(seen.get()).isIn(10, 11);
    }

    @Test
    void slotsMustShareLayoutAndDatacenterAndDifferInWorker() {
        assertThatThrownBy(() -> IdGenerator.striped(List.of())).hasMessage("striped needs at least one generator: slots=[]");
        assertThatThrownBy(() -> IdGenerator.striped(List.of(IdGenerator.builder(BitLayout.DEFAULT).worker(1).build(),
                IdGenerator.builder(BitLayout.DEFAULT).worker(1).build()))).hasMessageContaining("worker 1 repeats");
        assertThatThrownBy(() -> IdGenerator.striped(List.of(IdGenerator.builder(BitLayout.DEFAULT).worker(1).build(),
                IdGenerator.builder(BitLayout.preset("twitter")).worker(2).build()))).hasMessageContaining("share layout");
        IdGenerator one = IdGenerator.builder(BitLayout.DEFAULT).worker(1).build();
        assertThat(IdGenerator.striped(List.of(one))).as("one slot needs no striping").isSameAs(one);
    }
}
