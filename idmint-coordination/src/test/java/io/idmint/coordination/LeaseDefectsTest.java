package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.BitLayout;
import io.idmint.core.HighWaterMark;
import io.idmint.core.IdGenerator;
import io.idmint.core.WorkerLease;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regression tests for the lease defects of the 2026-11-30 review, each named after the behaviour it keeps. */
class LeaseDefectsTest {
    private static final BitLayout LAYOUT = BitLayout.preset("default");
    private static Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = Servers.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    /**
     * #1: a lease that ends while its generator starts (a ZooKeeper session lost during the start-up wait)
     * used to be dropped: the slot served a dead lease, readiness said 503, and with no traffic nothing ever
     * re-claimed. Deterministic: the allocator is a script, and the end arrives from inside the factory.
     */
    @Test
    void aLeaseThatEndsWhileItsGeneratorStartsIsReclaimedWithoutAnyTraffic() {
        ScriptedAllocator allocator = new ScriptedAllocator();
        AtomicInteger built = new AtomicInteger();
        LeasedIdGenerator g = LeasedIdGenerator.open(allocator, LAYOUT, 1, lease -> {
            if (built.incrementAndGet() == 1) {
                allocator.end(allocator.leases.get(0), "the coordinator session expired");
            }
            return IdGenerator.builder(LAYOUT).lease(lease).build();
        });
        try {
            await("a second claim, with no request to trigger it").atMost(Duration.ofSeconds(10))
                    .until(() -> allocator.claims.get() == 2 && g.leases().get(0).held());
            assertThat(g.readiness().ready()).isTrue();
            assertThat(g.nextId()).isPositive();
            assertThat(g.losses()).isEqualTo(1);
        } finally {
            g.close();
        }
    }

    /**
     * #2: every call refused by the reservation check queued a full fenced write, so a forward clock step
     * cost one coordinator write per request on the one keeper thread. Now one is queued at a time.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void renewalRequestsWhileOneIsQueuedAddNoWrites(String backend) {
        Backend b = servers.get(backend);
        CoordinatedAllocator a = (CoordinatedAllocator) b.allocator(TestLeases.settings(TestLeases.cluster("coalesce"),
                new WorkerRange(0, 3)).build());
        try {
            WorkerLease lease = a.acquire();
            long before = a.renewalsTotal();
            for (int i = 0; i < 5_000; i++) {
                lease.requestRenewal();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> a.renewalQueueDepth() == 0);
            // The scheduled renewals (every TTL/3) may add a few; one write per request would add thousands.
            assertThat(a.renewalsTotal() - before).isBetween(1L, 10L);
        } finally {
            a.close();
        }
    }

    /**
     * #5: a thread sticks to its slot, so after a re-claim onto a different worker ID the slot's new
     * generator must start after everything the slot issued: a lower worker ID in the same tick would make
     * that thread's IDs go backwards.
     */
    @Test
    void aThreadsIdsKeepIncreasingWhenItsSlotIsReclaimedOnALowerWorker() {
        ScriptedAllocator allocator = new ScriptedAllocator();
        allocator.nextWorkers.add(7);
        allocator.nextWorkers.add(2);
        io.idmint.core.ManualTimeSource clock = new io.idmint.core.ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);
        LeasedIdGenerator g = LeasedIdGenerator.open(allocator, LAYOUT, 1,
                lease -> IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).build());
        try {
            long before = g.nextId(); // worker 7, tick T
            allocator.end(allocator.leases.get(0), "fenced");
            await().atMost(Duration.ofSeconds(10)).until(() -> allocator.claims.get() == 2);
            // While the clock stands at T, the new generator (worker 2) must not issue: its IDs would sort below.
            Long during = await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> {
                try {
                    return g.nextId();
                } catch (io.idmint.core.LeaseNotValidException e) {
                    return -1L;
                }
            }, id -> true);
            assertThat(during).as("an ID below %d issued at the same tick by worker 2", before).isIn(-1L);
            clock.advance(1);
            long after = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(g::nextId, id -> true);
            assertThat(LAYOUT.decode(after).worker()).isEqualTo(2);
            assertThat(after).isGreaterThan(before);
        } finally {
            g.close();
        }
    }

    /**
     * #6: a claim that committed but whose answer was lost, retried by the client, found the slot changed
     * and gave up: on ZooKeeper our own ephemeral owner node then held the ID, unused, for the session's
     * life. A claim that finds exactly what it meant to write is ours.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aClaimWhoseCommitWasRetriedIsOursAndLeavesNoOrphan(String backend) {
        Backend b = servers.get(backend);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean(true);
        WorkerRange range = new WorkerRange(0, 3);
        CoordinatedAllocator a = b.allocator(TestLeases.settings(TestLeases.cluster("retried-claim"), range).build(),
                op -> op.equals("claim") && once.getAndSet(false));
        try {
            WorkerLease lease = a.acquire();
            assertThat(lease.worker()).as("the worker whose claim committed, not the next one").isZero();
            assertThat(lease.epoch()).as("the first claim's own epoch, not a second claim's").isEqualTo(1);
            assertThat(a.coordinator().owned(range)).as("no owner entry beside the lease").containsExactly(lease.worker());
        } finally {
            a.close();
        }
    }

    /** #6: a renewal that committed, retried by the client, found the version moved and fenced its own lease. */
    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aRenewalWhoseCommitWasRetriedDoesNotFenceItsOwnLease(String backend) {
        Backend b = servers.get(backend);
        AtomicInteger renewals = new AtomicInteger();
        CoordinatedAllocator a = b.allocator(TestLeases.settings(TestLeases.cluster("retried-renewal"), new WorkerRange(0, 3)).build(),
                op -> op.equals("renew") && renewals.incrementAndGet() == 1);
        try {
            ClaimedLease lease = (ClaimedLease) a.acquire();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.renewalsTotal() >= 3);
            assertThat(lease.ended()).as(String.valueOf(lease.endReason())).isFalse();
            assertThat(System.nanoTime() - lease.validUntilNanos()).isNegative();
        } finally {
            a.close();
        }
    }

    /** An allocator that hands out leases it controls and can end them, as a coordinator would. */
    static final class ScriptedAllocator implements WorkerIdAllocator {
        final AtomicInteger claims = new AtomicInteger();
        final List<Scripted> leases = new CopyOnWriteArrayList<>();
        private final LeaseSettings settings = TestLeases.settings("scripted", new WorkerRange(0, 3)).build();

        /** The worker IDs the next claims get, in order; when empty, the preferred one (else 1). */
        final java.util.Queue<Integer> nextWorkers = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public WorkerLease acquire(OptionalInt preferredWorker, LeaseListener listener) {
            Integer scripted = nextWorkers.poll();
            Scripted l = new Scripted(scripted != null ? scripted : preferredWorker.orElse(1), claims.incrementAndGet(), listener);
            leases.add(l);
            return l;
        }

        void end(WorkerLease lease, String reason) {
            Scripted l = (Scripted) lease;
            l.validUntilNanos = System.nanoTime();
            l.listener.leaseEnded(l, reason);
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public LeaseSettings settings() {
            return settings;
        }

        @Override
        public void close() {}
    }

    static final class Scripted implements WorkerLease {
        final int worker;
        final long epoch;
        final LeaseListener listener;
        volatile long validUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);

        Scripted(int worker, long epoch, LeaseListener listener) {
            this.worker = worker;
            this.epoch = epoch;
            this.listener = listener;
        }

        @Override public int datacenter() { return 0; }
        @Override public int worker() { return worker; }
        @Override public long epoch() { return epoch; }
        @Override public long validUntilNanos() { return validUntilNanos; }
        @Override public long reservedUntilMillis() { return Long.MAX_VALUE / 2; }
        @Override public Optional<HighWaterMark> previousHolders() { return Optional.empty(); }
        @Override public void requestRenewal() {}
        @Override public void release(long lastIssuedMillis) {}
        @Override public String describe() { return "scripted worker " + worker + " (epoch " + epoch + ")"; }
    }
}
