package io.idmint.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdGenerator;
import io.idmint.testkit.Uniqueness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The acceptance run: 1,000,000 rows take their key from the function as a column DEFAULT, from 8
 * sessions at once, while an idmint Java generator of the same layout on another worker inserts into the same
 * table. The column has no unique constraint, so a duplicate would be stored and counted, not refused.
 */
class MillionRowsTest {
    private static final int SESSIONS = 8;
    private static final int ROWS_PER_STATEMENT = 1_000;
    private static final int STATEMENTS_PER_SESSION = 125;
    private static final int DATABASE_WORKER = 30;
    private static final int JAVA_WORKER = 2;

    @Test
    void eightSessionsAndAJavaGeneratorOnAnotherWorkerNeverCollideAndAllDecodeToTheRun() throws Exception {
        Database db = Servers.newDatabase();
        IdFunction.builder(BitLayout.DEFAULT).worker(DATABASE_WORKER).build().install(db);
        Servers.execute(db, "CREATE TABLE t (id bigint NOT NULL DEFAULT idmint_next_id(), origin smallint NOT NULL)");
        Instant start = Instant.now().minusMillis(1);
        AtomicBoolean sessionsDone = new AtomicBoolean();
        AtomicLong javaFirstBatchDone = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 1);
        long sessionsEnd;
        Future<Integer> java;
        try {
            List<Future<?>> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(pool.submit(() -> insertThroughDefault(db, go)));
            }
            java = pool.submit(() -> insertFromJava(db, go, sessionsDone, javaFirstBatchDone));
            go.countDown();
            for (Future<?> s : sessions) {
                s.get(5, TimeUnit.MINUTES);
            }
            sessionsEnd = System.nanoTime();
            sessionsDone.set(true);
            assertThat(java.get(1, TimeUnit.MINUTES)).as("rows the Java generator inserted").isPositive();
        } finally {
            pool.shutdownNow();
        }
        Instant end = Instant.now();
        assertThat(javaFirstBatchDone.get()).as("the Java generator inserted while the sessions ran").isLessThan(sessionsEnd);
        long[] fromDatabase = Servers.queryLongs(db, "SELECT id FROM t WHERE origin = 0");
        long[] fromJava = Servers.queryLongs(db, "SELECT id FROM t WHERE origin = 1");
        assertThat(fromDatabase).hasSize(SESSIONS * STATEMENTS_PER_SESSION * ROWS_PER_STATEMENT);
        Uniqueness.assertAllUnique(Uniqueness.concat(List.of(fromDatabase, fromJava)));
        assertDecode(fromDatabase, DATABASE_WORKER, start, end);
        assertDecode(fromJava, JAVA_WORKER, start, end);
    }

    private static void assertDecode(long[] ids, int worker, Instant start, Instant end) {
        for (long id : ids) {
            DecodedId d = BitLayout.DEFAULT.decode(id);
            if (d.worker() != worker || d.timestamp().isBefore(start) || d.timestamp().isAfter(end)) {
                throw new AssertionError("ID " + id + " decodes to " + d + ", not worker " + worker + " between " + start + " and " + end);
            }
        }
    }

    private static Void insertThroughDefault(Database db, CountDownLatch go) throws Exception {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            go.await();
            for (int i = 0; i < STATEMENTS_PER_SESSION; i++) {
                s.execute("INSERT INTO t (origin) SELECT 0 FROM generate_series(1, " + ROWS_PER_STATEMENT + ")");
            }
        }
        return null;
    }

    /** Batches of the Java generator's IDs until the sessions are done; returns how many rows. */
    private static int insertFromJava(Database db, CountDownLatch go, AtomicBoolean done, AtomicLong firstBatchDone)
            throws InterruptedException, SQLException {
        int rows = 0;
        try (IdGenerator g = IdGenerator.builder(BitLayout.DEFAULT).worker(JAVA_WORKER).build(); Connection c = db.open();
             PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, origin) SELECT unnest(?::bigint[]), 1")) {
            go.await();
            long[] batch = new long[ROWS_PER_STATEMENT];
            while (!done.get()) {
                g.nextIds(batch, 0, batch.length);
                insert.setArray(1, c.createArrayOf("bigint", java.util.Arrays.stream(batch).boxed().toArray()));
                insert.executeUpdate();
                rows += batch.length;
                firstBatchDone.compareAndSet(Long.MAX_VALUE, System.nanoTime());
            }
        }
        return rows;
    }
}
