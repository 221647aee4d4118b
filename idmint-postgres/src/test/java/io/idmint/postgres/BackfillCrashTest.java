package io.idmint.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.BitLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A backfill killed with SIGKILL in the middle of a batch (IDs, mapping rows and cursor written, not committed),
 * then resumed, gives every row exactly the ID an uninterrupted backfill of the same rows gives: no row twice,
 * none skipped, none different.
 */
class BackfillCrashTest {
    private static final int BATCH = 1_000;
    private static final long KILL_IN = 4;

    static MigrationSpec spec(int batchSize) {
        return MigrationSpec.of("orders", BitLayout.DEFAULT).withTimestampColumn("created_at").withWorker(0, 30)
                .withBatchSize(batchSize);
    }

    @Test
    void aBackfillKilledMidBatchResumesToTheSameIdsAsOneThatWasNot() throws Exception {
        Database straight = prepared();
        Database crashed = prepared();
        assertThat(Migration.of(straight, spec(BATCH)).backfill(p -> { })).isEqualTo(Tables.ROWS);

        List<String> said = runUntilMidBatchThenKill(crashed);
        assertThat(said).containsExactly("COMMITTED 1000", "COMMITTED 2000", "COMMITTED 3000", "MID-BATCH 4");
        // the killed batch's backend rolls back and exits once it sees the connection closed, freeing the lock
        await().atMost(Duration.ofSeconds(30)).until(() -> Servers.queryLong(crashed, "SELECT count(*) FROM pg_locks"
                + " WHERE locktype = 'advisory'") == 0);
        assertThat(Servers.queryLong(crashed, "SELECT count(*) FROM orders WHERE id_new IS NOT NULL")).isEqualTo(3 * BATCH);
        assertThat(Servers.queryLong(crashed, "SELECT count(*) FROM orders_idmint_map")).isEqualTo(3 * BATCH);
        assertThat(Servers.queryLong(crashed, "SELECT rows_done FROM idmint_migration")).isEqualTo(3 * BATCH);

        assertThat(Migration.of(crashed, spec(BATCH)).backfill(p -> { })).isEqualTo(Tables.ROWS - 3 * BATCH);
        String byKey = "SELECT id_new FROM orders ORDER BY id";
        assertThat(Servers.queryLongs(crashed, byKey)).hasSize(Tables.ROWS).doesNotHaveDuplicates()
                .containsExactly(Servers.queryLongs(straight, byKey));
        assertThat(Migration.of(crashed, spec(BATCH)).verify().problems()).isEmpty();
    }

    private static Database prepared() {
        Database db = Servers.newDatabase();
        Tables.orders(db);
        IdFunction.builder(BitLayout.DEFAULT).worker(31).build().install(db);
        Migration.of(db, spec(BATCH)).addColumn();
        return db;
    }

    private static List<String> runUntilMidBatchThenKill(Database db) throws Exception {
        Process child = new ProcessBuilder(javaBinary(), "-cp", classPath(), BackfillChild.class.getName(), db.location(),
                Integer.toString(BATCH), Long.toString(KILL_IN)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("MID-BATCH")) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no rollback, no close, no shutdown hook
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return lines;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real test class path separately. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
