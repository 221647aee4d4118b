package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.FailureKind;
import io.idmint.testkit.Postgres;
import org.junit.jupiter.api.Test;

/**
 * The table comes from Flyway with its own history table, also into a database that already has the
 * application's tables (and its own Flyway history), or into a schema of its own; without migrations the
 * store refuses, naming the cause; the table's CHECKs keep a hand-edited row from breaking the remainders.
 */
class SchemaTest {

    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void migratesIntoADatabaseWithTablesOfItsOwnUnderItsOwnHistoryTable() throws Exception {
        Postgres pg = Servers.postgres();
        String url = Servers.newDatabase();
        String db = database(url);
        pg.psql(db, "CREATE TABLE orders (id bigint PRIMARY KEY); CREATE TABLE flyway_schema_history (installed_rank int)");
        try (SegmentStore store = Servers.pgStore(url)) {
            assertThat(store.createKey("orders", 100, "")).isTrue();
        }
        assertThat(pg.psql(db, "SELECT version || ' ' || success FROM idmint_segment_schema_history WHERE version = '1'"))
                .isEqualTo("1 true");
        assertThat(pg.psql(db, "SELECT count(*) FROM flyway_schema_history")).as("the application's history untouched").isEqualTo("0");
        assertThatThrownBy(() -> pg.psql(db, "UPDATE idmint_segment SET next_value = 7, stride = 2 WHERE biz_tag = 'orders'"))
                .hasMessageContaining("idmint_segment_next_value_aligned");
    }

    @Test
    void aSchemaOfItsOwn() throws Exception {
        String url = Servers.newDatabase();
        try (SegmentStore store = SegmentStore.postgres(url).user("postgres").schema("ids").build()) {
            store.createKey("orders", 100, "");
            assertThat(store.keys()).hasSize(1);
        }
        assertThat(Servers.postgres().psql(database(url), "SELECT count(*) FROM ids.idmint_segment")).isEqualTo("1");
    }

    @Test
    void withoutMigrationsAnEmptyDatabaseIsRefused() {
        try (SegmentStore store = SegmentStore.postgres(Servers.newDatabase()).user("postgres").migrate(false).build()) {
            assertThatThrownBy(() -> store.take("orders", 10, 0))
                    .isInstanceOfSatisfying(SegmentException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT))
                    .hasMessageContaining("idmint_segment").hasMessageContaining("42P01");
        }
    }
}
