package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.FailureKind;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.BatchSize;
import io.idmint.testkit.Postgres;
import io.idmint.testkit.Redis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defects a concurrency review found, each with the case that showed it. */
class ReviewFindingsTest {
    private static long[] issue(SegmentGenerator g, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            g.issue(ids, i, BatchSize.ONE);
        }
        return ids;
    }

    @Test
    void anErrorOnTheFetchThreadDoesNotWedgeTheGenerator() {
        MemoryStore store = new MemoryStore();
        try (SegmentGenerator g = SegmentGenerator.builder("orders").store(store).initialStep(100).minStep(100)
                .maxWait(Duration.ofSeconds(5)).build()) {
            store.failNextTake(StackOverflowError::new);
            // Used past the refill point: the background fetch meets the Error, then the next one must run again.
            long[] ids = issue(g, 300);
            assertThat(ids[299]).isGreaterThan(ids[0]);
            assertThat(g.readiness().ready()).isTrue();
        }
    }

    @Test
    void passwordsNeverReachTheLocation() {
        assertThat(PostgresSegmentStore.withoutPassword(
                "jdbc:postgresql://db/ids?user=idmint&password=s3cret&sslpassword=k3ypass&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/ids?user=idmint&ssl=true");
        assertThat(PostgresSegmentStore.withoutPassword("jdbc:postgresql://db/ids?password=a&PASSWORD=b"))
                .isEqualTo("jdbc:postgresql://db/ids");
        assertThat(PostgresSegmentStore.withoutPassword("jdbc:postgresql://db/ids")).isEqualTo("jdbc:postgresql://db/ids");
    }

    @Test
    void aFailedBuildClosesTheStoresItWasToOwn() {
        MemoryStore a = new MemoryStore();
        MemoryStore b = new MemoryStore();
        assertThatThrownBy(() -> SegmentGenerator.builder("orders").store(a).store(b).closeStores(true).build())
                .isInstanceOf(InvalidRequestException.class);
        assertThat(a.closes.get() + b.closes.get()).isEqualTo(2);
        MemoryStore kept = new MemoryStore();
        assertThatThrownBy(() -> SegmentGenerator.builder("orders").store(kept).store(new MemoryStore()).build())
                .isInstanceOf(InvalidRequestException.class);
        assertThat(kept.closes.get()).as("stores the caller keeps stay open").isZero();
    }

    @Test
    void aStoreWithNothingLeftAboveTheFloorIsPermanentNotRetryLater() {
        MemoryStore store = new MemoryStore().startingAt(Long.MAX_VALUE - 150);
        try (SegmentGenerator g = SegmentGenerator.builder("orders").store(store).initialStep(100).minStep(100)
                .maxWait(Duration.ofMillis(200)).build()) {
            issue(g, 100);
            assertThatThrownBy(() -> issue(g, 1)).isInstanceOfSatisfying(SegmentException.class,
                    e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT));
        }
    }

    @Test
    void aRedisThatMayEvictTheCountersIsRefused() throws Exception {
        try (Redis redis = Redis.launch(true, "always", "--maxmemory-policy", "allkeys-lru");
             SegmentStore store = SegmentStore.redis(redis.uri()).build()) {
            assertThatThrownBy(() -> store.take("orders", 10, 0)).isInstanceOfSatisfying(SegmentException.class,
                    e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT)).hasMessageContaining("maxmemory-policy allkeys-lru");
        }
    }

    @Test
    void aTableAppliedByHandIsKeptByAStoreThatMigrates() throws Exception {
        Postgres pg = Servers.postgres();
        String url = Servers.newDatabase();
        String db = url.substring(url.lastIndexOf('/') + 1);
        String v1 = new String(ReviewFindingsTest.class.getResourceAsStream(
                "/db/idmint-segment/postgresql/V1__create_idmint_segment.sql").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        pg.psql(db, v1);
        try (SegmentStore store = Servers.pgStore(url)) {
            assertThat(store.take("orders", 10, 0)).isPositive();
        }
    }
}
