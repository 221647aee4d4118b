package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Create, list and describe keys, the same on PostgreSQL and Redis; a created key's step is what generators start with. */
class AdminApiTest {

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("postgres", (Supplier<SegmentStore>) () -> SegmentStore.postgres(Servers.newDatabase()).user("postgres")
                        .stride(3, 2).build()),
                Arguments.of("redis", (Supplier<SegmentStore>) () -> SegmentStore.redis(Servers.redis().uri())
                        .keyPrefix(Servers.newTag("admin") + ":").stride(3, 2).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void createListDescribe(String kind, Supplier<SegmentStore> stores) {
        try (SegmentStore store = stores.get()) {
            Instant before = Instant.now().minusSeconds(5);
            assertThat(store.keys()).isEmpty();
            assertThat(store.createKey("orders", 500, "order numbers")).isTrue();
            assertThat(store.createKey("invoices", 50, "invoice numbers", 1_000_000)).isTrue();
            assertThat(store.createKey("orders", 7, "ignored")).isFalse();

            assertThat(store.keys()).extracting(SegmentKey::bizTag).containsExactly("invoices", "orders");
            SegmentKey orders = store.key("orders").orElseThrow();
            assertThat(orders).extracting(SegmentKey::nextValue, SegmentKey::step, SegmentKey::stride, SegmentKey::remainder,
                    SegmentKey::description).containsExactly(2L, 500, 3, 2, "order numbers");
            assertThat(orders.updatedAt()).isAfter(before);
            assertThat(store.key("invoices").orElseThrow().nextValue()).isEqualTo(1_000_001L); // first value >= 1e6 that is 2 mod 3
            assertThat(store.key("missing")).isEmpty();
            assertThat(orders.toMap()).containsKeys("biz_tag", "next_value", "step", "stride", "remainder", "description", "updated_at");

            try (SegmentGenerator g = SegmentGenerator.builder("orders").store(store).build()) {
                assertThat(g.details()).containsEntry("step", 500);
                long[] ids = new long[3];
                g.issue(ids, 0, io.idmint.core.issuing.BatchSize.of(3));
                assertThat(ids).containsExactly(2, 5, 8);
            }
            assertThat(store.key("orders").orElseThrow().nextValue()).as("the rest was given back").isEqualTo(11);
        }
    }
}
