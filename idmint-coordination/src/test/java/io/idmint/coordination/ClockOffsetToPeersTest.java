package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.idmint.core.FailureKind;
import io.idmint.core.TimeSource;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each renewal carries the holder's wall time; a process estimates its clock's offset to its peers from it,
 * exports the estimate, and refuses to start when its clock is far off (Twitter's Snowflake did the same).
 */
class ClockOffsetToPeersTest {
    private static Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = Servers.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    private static LeaseSettings.Builder settings(String cluster, long offsetMillis) {
        TimeSource shifted = () -> System.currentTimeMillis() + offsetMillis;
        return TestLeases.settings(cluster, new WorkerRange(0, 7)).timeSource(shifted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aProcessWhoseClockIsFifteenSecondsOffIsRefusedAtStart(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("skew");
        try (WorkerIdAllocator peerOne = b.allocator(settings(cluster, 0).build());
             WorkerIdAllocator peerTwo = b.allocator(settings(cluster, 0).build())) {
            peerOne.acquire();
            peerTwo.acquire();
            try (WorkerIdAllocator behind = b.allocator(settings(cluster, -15_000).build())) {
                assertThatThrownBy(behind::acquire).isInstanceOfSatisfying(ClockOffsetToPeersException.class,
                                e -> assertThat(e.kind()).isEqualTo(FailureKind.RETRY_LATER))
                        .hasMessageMatching("(?s)this process's clock reads 1[3-6]\\d{3} ms behind the median of its 2 peers.*"
                                + "more than the 10000 ms clock.maxOffsetToPeersMillis allows.*");
            }
            try (WorkerIdAllocator slightlyAhead = b.allocator(settings(cluster, 1_000).build())) {
                assertThat(slightlyAhead.acquire().worker()).as("within the bound: starts").isBetween(0, 7);
                PeerClocks.Estimate e = ((CoordinatedAllocator) slightlyAhead).offsetToPeers();
                assertThat(e.peers()).isEqualTo(2);
                assertThat(e.offsetMillis() - e.errorMillis()).as("the true offset lies in the estimate").isLessThanOrEqualTo(1_000);
                assertThat(e.offsetMillis() + e.errorMillis()).isGreaterThanOrEqualTo(1_000);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void theEstimateNarrowsAsRenewalsAreSampled(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("narrow");
        try (WorkerIdAllocator peer = b.allocator(settings(cluster, 0).build());
             WorkerIdAllocator me = b.allocator(settings(cluster, -400).build())) {
            peer.acquire();
            me.acquire();
            long first = ((CoordinatedAllocator) me).offsetToPeers().errorMillis();
            await("the bound to narrow").atMost(Duration.ofSeconds(20))
                    .until(() -> ((CoordinatedAllocator) me).offsetToPeers().errorMillis() < first);
            PeerClocks.Estimate e = ((CoordinatedAllocator) me).offsetToPeers();
            assertThat(e.offsetMillis() - e.errorMillis()).isLessThanOrEqualTo(-400);
            assertThat(e.offsetMillis() + e.errorMillis()).isGreaterThanOrEqualTo(-400);
        }
    }

    @Test
    void boundsIntersectAndStartOverWhenTheyStopAgreeing() {
        PeerClocks clocks = new PeerClocks(1_000);
        clocks.observe("p", 10_000, 10_300); // ours minus theirs in [-700, 300]
        clocks.observe("p", 20_000, 20_900); // [-100, 900] -> [-100, 300]
        assertThat(clocks.estimate()).isEqualTo(new PeerClocks.Estimate(100, 200, 1));
        clocks.observe("p", 30_000, 35_000); // [4000, 5000]: disjoint, the peer's clock was stepped
        assertThat(clocks.estimate()).isEqualTo(new PeerClocks.Estimate(4_500, 500, 1));
        clocks.observe("q", 1_000, 1_000);
        clocks.observe("r", 1_000, 1_200);
        assertThat(clocks.estimate().peers()).isEqualTo(3);
        assertThat(clocks.estimate().offsetMillis()).as("the median, not the mean").isEqualTo(-300);
    }
}
