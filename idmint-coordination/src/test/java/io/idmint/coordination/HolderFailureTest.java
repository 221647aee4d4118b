package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.WorkerLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A holder process that dies (kill -9) or freezes past its TTL (SIGSTOP, then SIGCONT), against real
 * ZooKeeper and etcd servers. The range has one worker ID, so the test process and the holder compete
 * for the same ID and any overlap would show as a duplicate.
 */
class HolderFailureTest {
    private static final BitLayout LAYOUT = BitLayout.preset("default");
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = Servers.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void anIdOfAKilledHolderComesFreeOnlyAfterTtlPlusRecycleDelay(String backend) throws Exception {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("kill9");
        WorkerRange range = WorkerRange.single(5);
        List<Long> childIds;
        long killedAt;
        try (HolderProcess child = new HolderProcess(b, cluster, range, TestLeases.TTL, TestLeases.RECYCLE)) {
            int at = child.awaitLine(0, "lease 5 1"::equals, WITHIN);
            child.awaitIds(at, 50, WITHIN);
            child.kill9();
            killedAt = System.nanoTime();
            childIds = ids(child.lines(), null);
        }
        try (WorkerIdAllocator a = b.allocator(TestLeases.settings(cluster, range).build())) {
            WorkerLease lease = acquireOnceFree(a);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            long ttl = TestLeases.TTL.toMillis();
            long recycle = TestLeases.RECYCLE.toMillis();
            // The lease runs from the holder's last acknowledged renewal, which may precede the kill by up to
            // one renewal interval (TTL / 3): the ID is free TTL + recycle delay after that renewal, not after the kill.
            assertThat(waitedMillis).as("claimable only after TTL + recycle delay")
                    .isGreaterThanOrEqualTo(ttl + recycle - ttl / 3 - 5)
                    .isLessThanOrEqualTo(ttl + ttl / 3 + recycle + 3_000);
            assertThat(lease.epoch()).isEqualTo(2);
            long lastChildMillis = millis(childIds.get(childIds.size() - 1));
            assertThat(lease.previousHolders()).hasValueSatisfying(m ->
                    assertThat(m.reservedUntilMillis()).isGreaterThanOrEqualTo(lastChildMillis));
            try (IdGenerator g = IdGenerator.builder(LAYOUT).lease(lease).build()) {
                long first = g.nextId();
                assertThat(first).isGreaterThan(childIds.stream().mapToLong(Long::longValue).max().orElseThrow());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aFrozenHolderIssuesNothingAfterItsDeadlineAndReclaimsBeforeIssuingAgain(String backend) throws Exception {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("sigstop");
        WorkerRange range = WorkerRange.single(7);
        try (HolderProcess child = new HolderProcess(b, cluster, range, TestLeases.TTL, TestLeases.RECYCLE);
             WorkerIdAllocator a = b.allocator(TestLeases.settings(cluster, range).build())) {
            int at = child.awaitLine(0, "lease 7 1"::equals, WITHIN);
            child.awaitIds(at, 50, WITHIN);
            child.signal("STOP");

            // The frozen holder's ID comes free; this process takes it and issues under epoch 2.
            WorkerLease lease = acquireOnceFree(a);
            assertThat(lease.epoch()).isEqualTo(2);
            List<Long> ours = new ArrayList<>();
            IdGenerator g = IdGenerator.builder(LAYOUT).lease(lease).build();
            for (int i = 0; i < 1000; i++) {
                ours.add(g.nextId());
            }
            int beforeCont = child.lineCount();
            long contAtMillis = System.currentTimeMillis();
            child.signal("CONT");

            int refused = child.awaitLine(beforeCont, l -> l.startsWith("refused "), WITHIN);
            g.close(); // hands the ID back; the holder may claim it after the recycle delay
            int reclaimed = child.awaitLine(refused, "lease 7 3"::equals, WITHIN);
            child.awaitIds(reclaimed, 50, WITHIN);

            List<String> lines = child.lines();
            List<Long> underFirst = ids(lines, "1");
            List<Long> underThird = ids(lines, "3");
            assertThat(underFirst).as("IDs under epoch 1 carry timestamps before SIGCONT: nothing issued after the deadline")
                    .isNotEmpty().allMatch(id -> millis(id) < contAtMillis);
            long oursMin = ours.get(0);
            long oursMax = ours.get(ours.size() - 1);
            assertThat(underFirst).allMatch(id -> id < oursMin);
            assertThat(underThird).isNotEmpty().allMatch(id -> id > oursMax);
            assertThat(lines.subList(beforeCont, reclaimed)).as("no ID between SIGCONT and the re-claim, except one in flight")
                    .filteredOn(l -> l.startsWith("id ")).allMatch(l -> l.startsWith("id 1 ") || l.startsWith("id ? "))
                    .allMatch(l -> millis(Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))) < contAtMillis);

            Set<Long> all = new HashSet<>(ours);
            List<Long> childAll = ids(lines, null);
            all.addAll(childAll);
            assertThat(all).as("no duplicate across both holders").hasSize(ours.size() + childAll.size());
        }
    }

    /** Polls until the one-ID range is claimable: while the other holder is alive the coordinator says "held". */
    private static WorkerLease acquireOnceFree(WorkerIdAllocator a) {
        return await("the worker ID comes free").atMost(WITHIN).pollInterval(Duration.ofMillis(10))
                .ignoreExceptionsInstanceOf(WorkerIdsExhaustedException.class).until(a::acquire, lease -> true);
    }

    /** The IDs of {@code id <epoch> <id>} lines, of one epoch or (null) all. */
    private static List<Long> ids(List<String> lines, String epoch) {
        List<Long> ids = new ArrayList<>();
        for (String l : lines) {
            String[] p = l.split(" ");
            if (p[0].equals("id") && (epoch == null || p[1].equals(epoch))) {
                ids.add(Long.parseLong(p[2]));
            }
        }
        return ids;
    }

    private static long millis(long id) {
        return LAYOUT.decode(id).timestamp().toEpochMilli();
    }
}
