package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.LeaseNotValidException;
import io.idmint.testkit.Etcd;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.Test;

/**
 * The coordinator as users run it: a 3-member etcd cluster and a 3-server ZooKeeper ensemble, all on
 * loopback. Losing one member (killed, or frozen as if partitioned away) must cost no availability at all;
 * losing the quorum behaves as a single server's outage: issuing stops at the deadline and resumes after.
 * The lease TTL here (6 s) must cover a leader election, as the 10 s default does; the other tests' 2 s does not.
 */
class QuorumTest {
    private static final BitLayout LAYOUT = BitLayout.preset("default");
    private static final Duration TTL = Duration.ofSeconds(6);

    private static LeaseSettings settings(String cluster) {
        return TestLeases.settings(cluster, new WorkerRange(0, 3)).leaseTtl(TTL).safetyMargin(Duration.ofSeconds(1))
                .operationTimeout(Duration.ofMillis(700)).acquireTimeout(Duration.ofSeconds(20)).build();
    }

    /** A running coordinator of three members that a test can kill, freeze and bring back one at a time. */
    interface Ensemble {
        void kill(int member) throws Exception;

        void restart(int member) throws Exception;

        WorkerIdAllocator allocator(LeaseSettings settings);
    }

    @Test
    void anEtcdClusterLosingOneMemberCostsNothingAndLosingQuorumStopsThenResumes() throws Exception {
        try (Etcd etcd = Etcd.launchCluster(3)) {
            Ensemble ensemble = new Ensemble() {
                @Override public void kill(int member) throws Exception { etcd.kill9(member); }
                @Override public void restart(int member) throws Exception { etcd.start(member); }
                @Override public WorkerIdAllocator allocator(LeaseSettings s) { return WorkerIdAllocator.etcd(etcd.address(), s); }
            };
            survivesOneMemberAndRecoversFromQuorumLoss(ensemble);
            try (WorkerIdAllocator a = ensemble.allocator(settings(TestLeases.cluster("freeze")));
                 IdGenerator g = LeasedIdGenerator.open(a, LAYOUT, 1, lease -> IdGenerator.builder(LAYOUT).lease(lease).build())) {
                etcd.freeze(0);
                try {
                    assertThat(refusalsWhileIssuing(g, TTL)).as("one member partitioned away").isZero();
                } finally {
                    etcd.thaw(0);
                }
            }
        }
    }

    @Test
    void aZooKeeperEnsembleLosingOneServerCostsNothingAndLosingQuorumStopsThenResumes() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            specs.add(new InstanceSpec(Files.createTempDirectory("idmint-zk" + i).toFile(), InstanceSpec.getRandomPort(),
                    InstanceSpec.getRandomPort(), InstanceSpec.getRandomPort(), true, i, 200, 500,
                    Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"));
        }
        try (TestingCluster zk = new TestingCluster(specs)) {
            zk.start();
            survivesOneMemberAndRecoversFromQuorumLoss(new Ensemble() {
                @Override public void kill(int member) throws Exception { zk.killServer(specs.get(member)); }
                @Override public void restart(int member) throws Exception { zk.restartServer(specs.get(member)); }
                @Override public WorkerIdAllocator allocator(LeaseSettings s) { return WorkerIdAllocator.zookeeper(zk.getConnectString(), s); }
            });
        }
    }

    private static void survivesOneMemberAndRecoversFromQuorumLoss(Ensemble ensemble) throws Exception {
        try (WorkerIdAllocator a = ensemble.allocator(settings(TestLeases.cluster("quorum")));
             IdGenerator g = LeasedIdGenerator.open(a, LAYOUT, 1, lease -> IdGenerator.builder(LAYOUT).lease(lease).build())) {
            ensemble.kill(0);
            assertThat(refusalsWhileIssuing(g, TTL)).as("one member down").isZero();
            ensemble.restart(0);

            ensemble.kill(1);
            ensemble.kill(2);
            await("issuing to stop at the deadline without a quorum").atMost(TTL.multipliedBy(2))
                    .pollInterval(Duration.ofMillis(20)).until(() -> refused(g));
            ensemble.restart(1);
            ensemble.restart(2);
            await("issuing to resume once the quorum is back").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> !refused(g));
        }
    }

    /** Issues about one ID a millisecond for {@code duration}; returns how many calls were refused. */
    private static int refusalsWhileIssuing(IdGenerator g, Duration duration) {
        int refused = 0;
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - until < 0) {
            if (refused(g)) {
                refused++;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // load pacing
        }
        return refused;
    }

    private static boolean refused(IdGenerator g) {
        try {
            g.nextId();
            return false;
        } catch (LeaseNotValidException e) {
            return true;
        }
    }
}
