package io.idmint.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table migrated online, step by step, as an operator would: plan, add-column, backfill with writes going on, verify, cutover. */
class MigrationTest {
    private static final int FUNCTION_WORKER = 31;
    private static final int BACKFILL_WORKER = 30;

    @Test
    void aUuidTableMovesToIdsThatKeepItsHistoricalOrderWhileRowsKeepArriving() throws Exception {
        Database db = Servers.newDatabase();
        Tables.orders(db);
        IdFunction.builder(BitLayout.DEFAULT).worker(FUNCTION_WORKER).build().install(db);
        MigrationSpec spec = MigrationSpec.of("orders", BitLayout.DEFAULT).withTimestampColumn("created_at")
                .withWorker(0, BACKFILL_WORKER).withBatchSize(1_000);
        Migration migration = Migration.of(db, spec);

        String plan = migration.plan();
        assertThat(plan).contains("20,000 rows (exact count)").contains("primary key id uuid")
                .contains("public.order_items(order_id) order_items_order_id_fkey")
                .contains("from public.idmint_next_id() (installed: datacenter 0, worker 31)")
                .contains("ALTER TABLE \"public\".\"orders\" ADD COLUMN \"id_new\" bigint").contains("estimated time");

        assertThat(migration.addColumn()).anyMatch(l -> l.startsWith("built index public.orders_id_new_key concurrently"))
                .anyMatch(l -> l.startsWith("built index public.orders_idmint_order concurrently"));
        List<Long> progress = new ArrayList<>();
        // rows that arrive while the backfill runs: inserted from another session between its batches
        Backfill.hook = batch -> {
            if (batch == 3) {
                Servers.execute(db, "INSERT INTO orders (created_at, n) SELECT now(), -g FROM generate_series(1, 100) g");
            }
        };
        long done;
        try {
            done = migration.backfill(p -> progress.add(p.done()));
        } finally {
            Backfill.hook = batch -> { };
        }
        assertThat(done).isEqualTo(Tables.ROWS);
        assertThat(progress).hasSize(Tables.ROWS / 1_000).isSorted().endsWith((long) Tables.ROWS);

        VerifyReport report = migration.verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.facts()).contains("20,000 mapping rows from backfill", "100 mapping rows from insert",
                "backfilled rows keep the order of created_at");
        assertInsertedRowsTookTheFunctionsIds(db);
        assertBackfilledIdsCarryTheirTimestamps(db);

        assertThePrintedCutoverRuns(db, migration);
    }

    /** The script cutover prints is valid as printed: run with psql, the primary key moves to the new IDs and inserts go on. */
    private static void assertThePrintedCutoverRuns(Database db, Migration migration) throws Exception {
        String cutover = migration.cutover().sql();
        assertThat(cutover).contains("-- verify: OK").contains("DROP CONSTRAINT \"order_items_order_id_fkey\"")
                .contains("PRIMARY KEY USING INDEX \"orders_id_new_key\"");
        Servers.postgres().psql(db.location().substring(db.location().lastIndexOf('/') + 1), cutover);
        Servers.execute(db, "INSERT INTO orders (created_at, n) VALUES (now(), 0)");
        assertThat(Servers.queryLong(db, "SELECT count(*) FROM orders")).isEqualTo(Tables.ROWS + 101);
        assertThat(Servers.queryLong(db, "SELECT count(DISTINCT id) FROM orders")).isEqualTo(Tables.ROWS + 101);
        assertThat(Servers.queryLong(db, "SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass AND indisprimary"
                + " AND indkey[0] = (SELECT attnum FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'id')"))
                .as("the primary key is on id").isEqualTo(1);
        assertThat(Servers.queryString(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                + " AND attname = 'id'")).as("id is now the idmint column").isEqualTo("bigint");
    }

    private static void assertInsertedRowsTookTheFunctionsIds(Database db) {
        long[] inserted = Servers.queryLongs(db, "SELECT id_new FROM orders WHERE n < 0");
        assertThat(inserted).hasSize(100);
        for (long id : inserted) {
            assertThat(BitLayout.DEFAULT.decode(id).worker()).isEqualTo(FUNCTION_WORKER);
        }
    }

    /**
     * Each backfilled ID carries its row's millisecond; only the rows beyond the first 4,096 of the one crowded
     * instant carry into the following milliseconds (4,096 IDs each), never out of order.
     */
    private static void assertBackfilledIdsCarryTheirTimestamps(Database db) {
        long[] ids = Servers.queryLongs(db, "SELECT id_new FROM orders WHERE n > 0 ORDER BY created_at, id");
        long[] millis = Servers.queryLongs(db, "SELECT floor(extract(epoch FROM created_at) * 1000)::bigint FROM orders"
                + " WHERE n > 0 ORDER BY created_at, id");
        assertThat(ids).hasSize(Tables.ROWS).isSorted().doesNotHaveDuplicates();
        int carried = 0;
        for (int i = 0; i < ids.length; i++) {
            DecodedId d = BitLayout.DEFAULT.decode(ids[i]);
            assertThat(d.worker()).isEqualTo(BACKFILL_WORKER);
            long late = d.timestamp().toEpochMilli() - millis[i];
            assertThat(late).isBetween(0L, 1L);
            carried += late > 0 ? 1 : 0;
        }
        assertThat(carried).as("rows of the crowded instant beyond its 4,096 sequence values").isEqualTo(Tables.SAME_INSTANT - 4096);
    }

    @Test
    void aBigserialTableWithoutTimestampsGetsIdsInKeyOrder() {
        Database db = Servers.newDatabase();
        Tables.events(db, 3_000);
        IdFunction.builder(BitLayout.DEFAULT).worker(FUNCTION_WORKER).build().install(db);
        Instant before = Instant.now();
        Migration migration = Migration.of(db, MigrationSpec.of("events", BitLayout.DEFAULT).withWorker(1, 7).withBatchSize(500));
        migration.addColumn();
        assertThat(migration.backfill(p -> { })).isEqualTo(3_000);
        assertThat(migration.verify().problems()).isEmpty();
        long[] ids = Servers.queryLongs(db, "SELECT id_new FROM events ORDER BY id");
        assertThat(ids).hasSize(3_000).isSorted().doesNotHaveDuplicates();
        DecodedId first = BitLayout.DEFAULT.decode(ids[0]);
        assertThat(first.datacenter()).isEqualTo(1);
        assertThat(first.worker()).isEqualTo(7);
        assertThat(first.timestamp()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(migration.backfill(p -> { })).as("a second run finds nothing left").isZero();
    }
}
