package io.idmint.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import io.idmint.core.FailureKind;
import io.idmint.core.WorkerLease;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Misconfigured fleets are refused at start, against real ZooKeeper and etcd: a process with another layout
 * than its cluster recorded, and a region or datacenter number bound otherwise. Each of these would
 * compose IDs that collide with the fleet's without anybody noticing.
 */
class ClusterBindingsTest {
    private static final BitLayout DEFAULT = BitLayout.preset("default");
    private static final BitLayout TWITTER = BitLayout.preset("twitter");
    private static Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = Servers.start();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    private static LeaseSettings.Builder settings(String cluster, String region, int datacenter, BitLayout layout) {
        return TestLeases.settings(cluster, new WorkerRange(0, 3)).region(region, datacenter).layout(layout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aSecondLayoutInARegionIsRefusedNamingBothAndTheKey(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("layout");
        try (WorkerIdAllocator first = b.allocator(settings(cluster, "eu", 1, DEFAULT).build())) {
            assertThat(first.acquire().worker()).isZero();
            BitLayout sameBits = DEFAULT.toBuilder().name("renamed").build();
            try (WorkerIdAllocator renamed = b.allocator(settings(cluster, "eu", 1, sameBits).build())) {
                assertThat(renamed.acquire().worker()).as("only the bits are compared, not the name").isEqualTo(1);
            }
            assertThatThrownBy(() -> b.allocator(settings(cluster, "eu", 1, TWITTER).build()))
                    .isInstanceOfSatisfying(ClusterMisconfiguredException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT))
                    .hasMessageContaining("this process's layout 'twitter' (" + TWITTER.fingerprint() + ")")
                    .hasMessageContaining("differs from the layout 'default' (" + DEFAULT.fingerprint() + ")")
                    .hasMessageContaining("key /idmint-bindings/" + cluster + "/default/layouts/eu");
            try (WorkerIdAllocator otherRegion = b.allocator(settings(cluster, "us", 2, TWITTER).build())) {
                assertThat(otherRegion.acquire().worker()).as("each region records its own").isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void aRegionAndADatacenterNumberAreBoundOnceBothWays(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("regions");
        try (WorkerIdAllocator eu = b.allocator(settings(cluster, "eu", 1, DEFAULT).build())) {
            eu.acquire();
            assertThatThrownBy(() -> b.allocator(settings(cluster, "us", 1, DEFAULT).build()))
                    .isInstanceOf(ClusterMisconfiguredException.class)
                    .hasMessageContaining("datacenter 1 is bound to region eu").hasMessageContaining("this process is region us");
            assertThatThrownBy(() -> b.allocator(settings(cluster, "eu", 2, DEFAULT).build()))
                    .isInstanceOf(ClusterMisconfiguredException.class)
                    .hasMessageContaining("region eu is bound to datacenter 1").hasMessageContaining("configured with datacenter 2");
            try (WorkerIdAllocator again = b.allocator(settings(cluster, "eu", 1, DEFAULT).build())) {
                assertThat(again.acquire().datacenter()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void theLayoutChangesOnlyByTheOperatorsCommandAndNotUnderLiveLeases(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("set-layout");
        LeaseSettings twitter = settings(cluster, "eu", 1, TWITTER).build();
        WorkerIdAllocator running = b.allocator(settings(cluster, "eu", 1, DEFAULT).build());
        WorkerLease held = running.acquire();
        assertThatThrownBy(() -> ClusterAdmin.setLayout(backend, b.address(), twitter))
                .isInstanceOf(ClusterMisconfiguredException.class)
                .hasMessageContaining("worker IDs [" + held.worker() + "] are held by live processes");
        held.release(-1);
        running.close();
        assertThat(ClusterAdmin.setLayout(backend, b.address(), twitter)).startsWith(DEFAULT.fingerprint());
        try (WorkerIdAllocator next = b.allocator(twitter)) {
            assertThat(next.acquire().epoch()).isPositive();
        }
        assertThatThrownBy(() -> b.allocator(settings(cluster, "eu", 1, DEFAULT).build()))
                .isInstanceOf(ClusterMisconfiguredException.class).hasMessageContaining("'twitter'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void namedGeneratorsLeaseFromPoolsOfTheirOwn(String backend) {
        Backend b = servers.get(backend);
        String cluster = TestLeases.cluster("pools");
        try (WorkerIdAllocator plain = b.allocator(settings(cluster, "eu", 1, DEFAULT).build());
             WorkerIdAllocator orders = b.allocator(settings(cluster, "eu", 1, TWITTER).generator("orders").build())) {
            assertThat(plain.acquire().worker()).isZero();
            assertThat(orders.acquire().worker()).as("its own pool: worker 0 again, under its own layout").isZero();
        }
    }
}
