package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.testkit.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** idmint sql and idmint migrate as the README shows them, against a real PostgreSQL on 127.0.0.1. */
class PostgresCliTest {
    private static Postgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres.launch();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        assertThat(CliTest.run("sql", "--help").out()).contains("--worker").contains("--apply").contains("reserved by range");
        assertThat(CliTest.run("migrate", "--help").out()).contains("plan").contains("add-column").contains("backfill")
                .contains("verify").contains("cutover");
        assertThat(CliTest.run("migrate", "backfill", "--help").out()).contains("kill -9").contains("--worker")
                .contains("--timestamp-column");
        assertThat(CliTest.run("migrate", "cutover", "--help").out()).contains("never runs it");
    }

    @Test
    void sqlPrintsInstallsAndItsIdsDecodeWithInspect() throws Exception {
        CliTest.Run printed = CliTest.run("sql", "--worker", "1000", "--layout", "instagram");
        assertThat(printed.exit()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("CREATE OR REPLACE FUNCTION \"public\".\"idmint_next_id\"() RETURNS bigint")
                .contains("pg_advisory_lock").contains("EXCEPTION WHEN OTHERS OR query_canceled");

        String url = postgres.createDatabase("cli_sql");
        CliTest.Run applied = CliTest.run("sql", "--worker", "1000", "--layout", "instagram", "--apply", "--jdbc", url, "--user", "postgres");
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("installed public.idmint_next_id() [layout instagram, datacenter 0, worker 1000]");
        String id = postgres.psql("cli_sql", "SELECT idmint_next_id()");
        CliTest.Run inspected = CliTest.run("inspect", "--json", "--layout", "instagram", id);
        assertThat(inspected.out()).contains("\"worker\":1000").contains("\"layout\":\"instagram\"");
    }

    @Test
    void sqlRefusesAWorkerInsideTheConfigsLeasedRangeNamingBoth() throws Exception {
        Path config = dir.resolve("idmint.yaml");
        Files.writeString(config, "workers:\n  allocation: etcd\n  etcd: http://127.0.0.1:2379\n  range: 16..31\n");
        CliTest.Run r = CliTest.run("sql", "--worker", "20", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("worker 20 lies inside workers.range of " + config + " 16..31").contains("e.g. worker 15");
        assertThat(CliTest.run("sql", "--worker", "15", "--config", config.toString()).exit()).isZero();
    }

    @Test
    void migrateStepByStepThenRefusesATableWithoutPrimaryKey() throws Exception {
        String url = postgres.createDatabase("cli_migrate");
        postgres.psql("cli_migrate", "CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), created_at timestamptz"
                + " NOT NULL DEFAULT now()); INSERT INTO orders (created_at) SELECT now() - g * interval '1 minute'"
                + " FROM generate_series(1, 2500) g; CREATE TABLE logs (line text)");
        assertThat(CliTest.run("sql", "--worker", "31", "--apply", "--jdbc", url, "--user", "postgres").exit()).isZero();
        String[] target = {"--jdbc", url, "--user", "postgres", "--table", "orders", "--timestamp-column", "created_at"};

        CliTest.Run plan = migrate("plan", target);
        assertThat(plan.out()).contains("2,500 rows (exact count)").contains("1. install the function").contains("6. cutover");
        assertThat(migrate("add-column", target).out()).contains("added column id_new bigint");
        CliTest.Run backfill = migrate("backfill", concat(target, "--worker", "30", "--batch-size", "1000"));
        assertThat(backfill.out()).contains("backfill: 2,500/2,500 rows (100.0%)").contains("2,500 rows given an ID by this run");
        CliTest.Run verify = migrate("verify", target);
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("verify: backfilled rows keep the order of created_at");
        CliTest.Run cutover = migrate("cutover", target);
        assertThat(cutover.exit()).isZero();
        assertThat(cutover.out()).startsWith("-- idmint cutover for public.orders").contains("-- verify: OK");
        assertThat(postgres.psql("cli_migrate", "SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass AND indisprimary"
                + " AND indkey[0] = 1")).as("cutover only printed: the primary key is still the uuid column").isEqualTo("1");

        postgres.psql("cli_migrate", "UPDATE orders SET id_new = NULL WHERE created_at = (SELECT min(created_at) FROM orders)");
        CliTest.Run broken = migrate("verify", target);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("idmint: verify: 1 rows of public.orders have no id_new");

        CliTest.Run refused = migrate("add-column", "--jdbc", url, "--user", "postgres", "--table", "logs");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("table public.logs has no primary key");
    }

    private static CliTest.Run migrate(String step, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "migrate";
        all[1] = step;
        System.arraycopy(args, 0, all, 2, args.length);
        return CliTest.run(all);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
