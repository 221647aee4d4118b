package io.idmint.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.client.IdClient;
import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import io.idmint.server.IdService;
import io.idmint.server.TestIssuers;
import io.idmint.testkit.Promtool;
import io.idmint.testkit.Uniqueness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The collision counter end to end: two servers share a copy-pasted worker ID (and a frozen clock, so they
 * issue the very same IDs); a client with the duplicate check fails over from one to the other, finds the
 * repeats, hands none out twice, and reports them to {@code idmint_collisions_detected_total}.
 */
class CollisionsTest {
    @Test
    void aClientsDuplicateCheckFeedsTheServicesCollisionCounter() throws Exception {
        ManualTimeSource clock = new ManualTimeSource(1_800_000_000_000L);
        IdService first = new IdService(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(1).timeSource(clock).build()));
        IdService second = new IdService(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(1).timeSource(clock).build()));
        assertThat(second.registry().scrape()).as("armed at 0 before anything is found")
                .contains("idmint_collisions_detected_total 0.0");
        GrpcServer a = GrpcServer.start(first, "127.0.0.1", 0, StreamEvents.NONE);
        GrpcServer b = GrpcServer.start(second, "127.0.0.1", 0, StreamEvents.NONE);
        try (IdClient client = IdClient.builder().address("127.0.0.1:" + a.port()).address("127.0.0.1:" + b.port())
                .batchSize(100).maxWaitWhenEmpty(Duration.ofSeconds(10)).checkDuplicates(100)
                .onCollisions(n -> second.recordCollisions("client", n)).build()) {
            long[] taken = new long[600];
            for (int i = 0; i < 300; i++) {
                taken[i] = client.nextId();
            }
            assertThat(client.collisionsDetected()).isZero();
            a.shutdown(Duration.ofSeconds(2)); // from here on the second server answers, with the first one's IDs
            for (int i = 300; i < taken.length; i++) {
                taken[i] = client.nextId();
            }
            Uniqueness.assertAllUnique(taken);
            // The second server repeated every batch the first had sent (at least the 3 used, maybe a 4th prefetched).
            assertThat(client.collisionsDetected()).isBetween(300L, 400L);
            String metrics = second.registry().scrape();
            assertThat(metrics).contains("idmint_collisions_detected_total " + (double) client.collisionsDetected());
            assertThat(second.collisionsDetected()).isEqualTo(client.collisionsDetected());
            assertThat(Promtool.checkMetrics(metrics)).as("promtool check metrics").isEmpty();
        } finally {
            b.shutdown(Duration.ofSeconds(2));
            first.close();
            second.close();
        }
    }

    @Test
    void nothingReportedCountsNothing() {
        try (IdService service = new IdService(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(2).build()))) {
            service.recordCollisions("checker", 0);
            assertThat(service.collisionsDetected()).isZero();
            service.recordCollisions("checker", 5);
            assertThat(service.registry().scrape()).contains("idmint_collisions_detected_total 5.0");
        }
    }
}
