package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.composition.Composition;
import io.idmint.composition.OpenedGenerators;
import io.idmint.config.AllocationKind;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.core.BitLayout;
import io.idmint.testkit.LoopbackZooKeeper;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code set-layout} against real ZooKeeper: the command refuses while a composed generator holds a lease, and
 * generators composed afterwards must use the recorded layout. (Composition itself is tested in idmint-composition.)
 */
class SetLayoutTest {
    private static TestingServer zookeeper;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = LoopbackZooKeeper.start(200);
    }

    @AfterAll
    static void stopZooKeeper() {
        LoopbackZooKeeper.close(zookeeper);
    }

    @Test
    void setLayoutChangesTheRecordedLayoutOnlyWhileNoLeaseIsHeld() {
        String cluster = "set-layout-" + UUID.randomUUID();
        IdmintConfig leased = IdmintConfig.defaults().withGenerator(s -> s.withStateDir(null))
                .withWorkers(w -> new Workers(AllocationKind.ZOOKEEPER, LoopbackZooKeeper.address(zookeeper), null, cluster, "eu",
                        0, 7, 0, -1, 2000, 1000, 400, 1));
        String[] setTwitter = {"set-layout", "--allocation", "zookeeper", "--zookeeper", LoopbackZooKeeper.address(zookeeper),
                "--cluster", cluster, "--region", "eu", "--layout", "twitter"};
        try (OpenedGenerators running = Composition.open(leased, UnaryOperator.identity())) {
            assertThat(running.issuer().defaultGenerator().leases().leases()).hasSize(1);
            CliTest.Run refused = CliTest.run(setTwitter);
            assertThat(refused.exit()).as(refused.err()).isEqualTo(3);
            assertThat(refused.err()).contains("are held by live processes");
        }
        CliTest.Run done = CliTest.run(setTwitter);
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("layout now twitter");
        assertThatThrownBy(() -> Composition.open(leased, UnaryOperator.identity()))
                .hasMessageContaining("differs from the layout 'twitter'");
        try (OpenedGenerators twitter = Composition.open(leased.withGenerator(s -> s.withLayout(BitLayout.preset("twitter"))),
                UnaryOperator.identity())) {
            assertThat(twitter.issuer().issueOne(twitter.issuer().defaultGenerator())).isPositive();
        }
        CliTest.Run staticOnly = CliTest.run("set-layout", "--layout", "twitter");
        assertThat(staticOnly.exit()).isEqualTo(2);
        assertThat(staticOnly.err()).contains("set-layout records the layout in a coordinator");
    }
}
