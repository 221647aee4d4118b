package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.WorkerLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claiming against real ZooKeeper and etcd servers: distinct IDs under contention, exhaustion, recycle delay. */
class AllocationTest {
    private static final BitLayout LAYOUT = BitLayout.preset("default");
    private static Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = Servers.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        servers.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void sixtyFourConcurrentClaimantsGetDistinctIdsAndTheSixtyFifthIsTold(String backend) throws Exception {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("claim64");
        // What is tested is distinct IDs, not expiry: a TTL far above any stall of 65 claimants on 2 loaded
        // cores, so no lease lapses mid-storm and comes back at epoch 2 (seen with the 2 s TTL in a busy run).
        LeaseSettings settings = TestLeases.settings(cluster, new WorkerRange(0, 63)).leaseTtl(Duration.ofSeconds(15))
                .acquireTimeout(Duration.ofSeconds(30)).build();
        List<WorkerIdAllocator> allocators = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            for (int i = 0; i < 64; i++) {
                allocators.add(b.allocator(settings));
            }
            // The 65th waits its whole acquire timeout for a holder to die before it is told: keep that short.
            allocators.add(b.allocator(TestLeases.settings(cluster, new WorkerRange(0, 63)).leaseTtl(Duration.ofSeconds(15))
                    .acquireTimeout(Duration.ofSeconds(2)).build()));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<WorkerLease>> claims = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                WorkerIdAllocator a = allocators.get(i);
                claims.add(pool.submit(() -> {
                    go.await();
                    return a.acquire();
                }));
            }
            go.countDown();
            Set<Integer> workers = new TreeSet<>();
            for (Future<WorkerLease> f : claims) {
                WorkerLease lease = f.get(60, TimeUnit.SECONDS);
                assertThat(lease.epoch()).isEqualTo(1);
                assertThat(lease.previousHolders()).isEmpty();
                workers.add(lease.worker());
            }
            assertThat(workers).hasSize(64).allMatch(w -> w >= 0 && w <= 63);

            long before = System.nanoTime();
            assertThatThrownBy(() -> allocators.get(64).acquire())
                    .isInstanceOfSatisfying(WorkerIdsExhaustedException.class, e -> {
                        assertThat(e.held()).isEqualTo(64);
                        assertThat(e.coolingDown()).isZero();
                    })
                    .hasMessageContaining("no free worker ID in range 0..63")
                    .hasMessageContaining("64 of 64 held by live processes");
            // It waited for a holder's TTL to run out (a restarted process must not fail on its own old ID).
            assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(allocators.get(64).settings().acquireTimeout().toNanos());
        } finally {
            pool.shutdownNow();
            allocators.forEach(WorkerIdAllocator::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aReleasedIdRestsForTheRecycleDelayAndTheNextHolderStartsAfterItsLastId(String backend) throws Exception {
        Backend b = servers.get(backend);
        LeaseSettings settings = TestLeases.settings(TestLeases.cluster("recycle"), WorkerRange.single(9)).build();
        long lastOfFirst;
        long releasedAt;
        try (WorkerIdAllocator first = b.allocator(settings)) {
            WorkerLease lease = first.acquire();
            assertThat(lease.worker()).isEqualTo(9);
            try (IdGenerator g = IdGenerator.builder(LAYOUT).lease(lease).build()) {
                lastOfFirst = 0;
                for (int i = 0; i < 10_000; i++) {
                    lastOfFirst = g.nextId();
                }
            }
            releasedAt = System.nanoTime();
        }
        try (WorkerIdAllocator second = b.allocator(settings)) {
            WorkerLease lease = second.acquire();
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releasedAt);
            assertThat(waitedMillis).isGreaterThanOrEqualTo(TestLeases.RECYCLE.toMillis() - 5); // wall vs monotonic ms rounding
            assertThat(lease.epoch()).isEqualTo(2);
            long lastMillis = LAYOUT.decode(lastOfFirst).timestamp().toEpochMilli();
            assertThat(lease.previousHolders()).hasValueSatisfying(m -> assertThat(m.reservedUntilMillis()).isEqualTo(lastMillis));
            try (IdGenerator g = IdGenerator.builder(LAYOUT).lease(lease).build()) {
                assertThat(g.nextId()).isGreaterThan(lastOfFirst);
            }
        }
    }
}
