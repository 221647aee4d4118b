package io.idmint.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import io.idmint.core.FailureKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every refusal names what is wrong and changes nothing: the schema is the same before and after. */
class RefusalsTest {
    private static MigrationSpec spec(String table) {
        return MigrationSpec.of(table, BitLayout.DEFAULT).withWorker(0, 30);
    }

    private static Database withFunction(String... setup) {
        Database db = Servers.newDatabase();
        IdFunction.builder(BitLayout.DEFAULT).worker(31).build().install(db);
        Servers.execute(db, setup);
        return db;
    }

    @Test
    void aTableWithoutAPrimaryKey() {
        Database db = withFunction("CREATE TABLE logs (id uuid NOT NULL, at timestamptz)");
        String before = Servers.schema(db);
        for (Runnable step : steps(Migration.of(db, spec("logs")))) {
            assertThatThrownBy(step::run).isInstanceOf(MigrationRefusedException.class)
                    .hasMessage("table public.logs has no primary key: the mapping table and the backfill's resumable order"
                            + " need one (e.g. ALTER TABLE \"public\".\"logs\" ADD PRIMARY KEY (id))");
        }
        assertThat(Servers.schema(db)).isEqualTo(before);
    }

    @Test
    void aTimestampColumnOfAnotherType() {
        Database db = withFunction("CREATE TABLE orders (id bigserial PRIMARY KEY, created_at text)");
        String before = Servers.schema(db);
        Migration m = Migration.of(db, spec("orders").withTimestampColumn("created_at"));
        for (Runnable step : steps(m)) {
            assertThatThrownBy(step::run).isInstanceOf(MigrationRefusedException.class).hasMessage("timestamp column created_at of"
                    + " public.orders is text; it must be timestamp with time zone, or timestamp without time zone (read as UTC)");
        }
        assertThat(Servers.schema(db)).isEqualTo(before);
    }

    @Test
    void aColumnNameAlreadyTaken() {
        Database db = withFunction("CREATE TABLE orders (id bigserial PRIMARY KEY, id_new text)");
        String before = Servers.schema(db);
        Migration m = Migration.of(db, spec("orders"));
        assertThatThrownBy(m::addColumn).isInstanceOf(MigrationRefusedException.class)
                .hasMessage("column id_new of public.orders already exists (text): choose another --column");
        assertThatThrownBy(m::plan).hasMessageContaining("column id_new of public.orders already exists");
        assertThat(Servers.schema(db)).isEqualTo(before);
    }

    @Test
    void aFunctionMissingOrOfAnotherLayout() {
        Database db = Servers.newDatabase();
        Servers.execute(db, "CREATE TABLE orders (id bigserial PRIMARY KEY)");
        String before = Servers.schema(db);
        assertThatThrownBy(() -> Migration.of(db, spec("orders")).addColumn()).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("function public.idmint_next_id() is not installed");
        IdFunction.builder(BitLayout.preset("twitter")).worker(31).build().install(db);
        String withFunction = Servers.schema(db);
        assertThatThrownBy(() -> Migration.of(db, spec("orders")).addColumn()).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("issues IDs of layout timestamp:41,datacenter:5,worker:5,sequence:12;tick=1ms;epoch=1288834974657");
        assertThat(Servers.schema(db)).isNotEqualTo(before).isEqualTo(withFunction);
    }

    @Test
    void aBackfillOnTheFunctionsWorkerOrWithoutAWorker() {
        Database db = withFunction("CREATE TABLE orders (id bigserial PRIMARY KEY)", "INSERT INTO orders SELECT FROM generate_series(1, 10)");
        Migration.of(db, spec("orders")).addColumn();
        assertThatThrownBy(() -> Migration.of(db, spec("orders").withWorker(0, 31)).backfill(p -> { }))
                .isInstanceOf(MigrationRefusedException.class).hasMessageContaining("worker 31 (datacenter 0) is the one");
        assertThatThrownBy(() -> Migration.of(db, spec("orders").withWorker(0, -1)).backfill(p -> { }))
                .hasMessageContaining("backfill needs --worker");
        assertThat(Servers.queryLong(db, "SELECT count(*) FROM orders WHERE id_new IS NOT NULL")).isZero();
    }

    @Test
    void timestampsNoIdCanCarry() {
        Database db = withFunction("CREATE TABLE orders (id bigserial PRIMARY KEY, created_at timestamptz)",
                "INSERT INTO orders (created_at) VALUES (now()), (NULL), (now())");
        Migration m = Migration.of(db, spec("orders").withTimestampColumn("created_at"));
        m.addColumn();
        assertThatThrownBy(() -> m.backfill(p -> { })).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("1 rows of public.orders have created_at NULL");
        Servers.execute(db, "UPDATE orders SET created_at = 'infinity' WHERE created_at IS NULL");
        assertThatThrownBy(() -> m.backfill(p -> { })).hasMessageContaining("holds infinite timestamps");
        Servers.execute(db, "UPDATE orders SET created_at = '2023-12-31 23:59:59+00' WHERE created_at = 'infinity'");
        assertThatThrownBy(() -> m.backfill(p -> { })).hasMessageContaining("spans 2023-12-31T23:59:59Z")
                .hasMessageContaining("layout default carries 2024-01-01T00:00:00Z");
        assertThat(Servers.queryLong(db, "SELECT count(*) FROM orders WHERE id_new IS NOT NULL")).isZero();
    }

    @Test
    void aTriggerFunctionNameTakenByAnotherFunction() {
        Database db = withFunction("CREATE TABLE orders (id bigserial PRIMARY KEY)",
                "CREATE FUNCTION orders_idmint_dual_write() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        String before = Servers.schema(db);
        assertThatThrownBy(() -> Migration.of(db, spec("orders")).addColumn()).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("public.orders_idmint_dual_write already exists");
        assertThat(Servers.schema(db)).isEqualTo(before);
    }

    @Test
    void aSecondBackfillWhileOneRuns() throws Exception {
        Database db = withFunction("CREATE TABLE orders (id bigserial PRIMARY KEY)", "INSERT INTO orders SELECT FROM generate_series(1, 3000)");
        Migration m = Migration.of(db, spec("orders").withBatchSize(1000));
        m.addColumn();
        CountDownLatch inFirstBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Backfill.hook = batch -> {
            inFirstBatch.countDown();
            release.await();
        };
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> m.backfill(p -> { }));
        try {
            assertThat(inFirstBatch.await(30, TimeUnit.SECONDS)).isTrue();
            Backfill.hook = batch -> { };
            assertThatThrownBy(() -> m.backfill(p -> { })).isInstanceOf(PostgresException.class)
                    .hasMessageContaining("another backfill of public.orders is running (PostgreSQL backend pid")
                    .extracting(e -> ((PostgresException) e).kind()).isEqualTo(FailureKind.RETRY_LATER);
        } finally {
            release.countDown();
        }
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(3000);
        assertThat(m.verify().problems()).isEmpty();
    }

    private static Runnable[] steps(Migration m) {
        return new Runnable[] {m::plan, m::addColumn, () -> m.backfill(p -> { }), m::verify, m::cutover};
    }
}
