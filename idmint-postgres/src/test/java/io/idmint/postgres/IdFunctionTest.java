package io.idmint.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.InvalidRequestException;
import io.idmint.testkit.Uniqueness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-database generator: its IDs decode as the layout's, it never repeats, it refuses what would collide. */
class IdFunctionTest {
    @Test
    void everyPresetsIdsDecodeWithItsWorkerAndTheTimeOfTheCall() {
        Database db = Servers.newDatabase();
        for (BitLayout layout : BitLayout.presets()) {
            long worker = Math.min(3, layout.maxValue(io.idmint.core.Field.WORKER));
            IdFunction f = IdFunction.builder(layout).worker(worker).name("ids_" + layout.name().replace('-', '_')).build();
            f.install(db);
            Instant before = Instant.now().minusMillis(layout.tickMillis());
            long[] ids = Servers.queryLongs(db, "SELECT " + f.name() + "() FROM generate_series(1, 500)");
            Instant after = Instant.now();
            assertThat(ids).as(layout.name()).hasSize(500).isSorted().doesNotHaveDuplicates();
            for (long id : ids) {
                DecodedId d = layout.decode(id);
                assertThat(d.worker()).as(layout.name()).isEqualTo(worker);
                assertThat(d.timestamp()).as(layout.name()).isBetween(before, after);
            }
        }
    }

    @Test
    void aUsedUpTickWaitsForTheNextInsteadOfRepeating() throws Exception {
        // 16 IDs per ms: two sessions asking for 3,000 each must wait for at least 375 ticks
        BitLayout narrow = BitLayout.builder().name("narrow").timestampBits(41).datacenterBits(0).workerBits(10)
                .sequenceBits(4).build();
        Database db = Servers.newDatabase();
        IdFunction f = IdFunction.builder(narrow).worker(9).build();
        f.install(db);
        Servers.execute(db, "CREATE TABLE t (id bigint NOT NULL DEFAULT idmint_next_id(), n int)");
        long start = System.nanoTime();
        Thread other = new Thread(() -> Servers.execute(db, "INSERT INTO t (n) SELECT g FROM generate_series(1, 3000) g"));
        other.start();
        Servers.execute(db, "INSERT INTO t (n) SELECT g FROM generate_series(1, 3000) g");
        other.join();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long[] ids = Servers.queryLongs(db, "SELECT id FROM t");
        Uniqueness.assertAllUnique(ids);
        assertThat(ids).hasSize(6000);
        long[] perTick = Arrays.stream(ids).map(id -> id >>> 14).sorted().toArray();
        assertThat(maxRun(perTick)).as("IDs in one tick").isEqualTo(16);
        assertThat(elapsedMillis).as("ms for 6,000 IDs at 16 per ms").isGreaterThanOrEqualTo(6000 / 16);
    }

    private static int maxRun(long[] sorted) {
        int best = 0;
        for (int i = 0, run = 0; i < sorted.length; i++) {
            run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }

    @Test
    void aRolledBackTransactionDoesNotGiveItsIdsAgain() throws Exception {
        // one-second ticks: the rolled-back IDs and the next ones share a tick, where a transactional counter would repeat
        BitLayout slow = BitLayout.builder().name("slow").tickMillis(1000).timestampBits(35).datacenterBits(0).workerBits(10)
                .sequenceBits(18).build();
        Database db = Servers.newDatabase();
        IdFunction.builder(slow).worker(1).build().install(db);
        Servers.execute(db, "CREATE TABLE t (id bigint PRIMARY KEY DEFAULT idmint_next_id(), n int)");
        Set<Long> rolledBack = new HashSet<>();
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (var rs = s.executeQuery("INSERT INTO t (n) SELECT g FROM generate_series(1, 100) g RETURNING id")) {
                while (rs.next()) {
                    rolledBack.add(rs.getLong(1));
                }
            }
            c.rollback();
        }
        Servers.execute(db, "INSERT INTO t (n) SELECT g FROM generate_series(1, 100) g");
        long[] kept = Servers.queryLongs(db, "SELECT id FROM t");
        assertThat(rolledBack).hasSize(100);
        assertThat(kept).hasSize(100);
        assertThat(Arrays.stream(kept).min().orElseThrow()).isGreaterThan(rolledBack.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void aCancelWhileWaitingReleasesTheLockAndAClockFarBehindFailsNamingBothTimes() throws Exception {
        Database db = Servers.newDatabase();
        IdFunction f = IdFunction.builder(BitLayout.DEFAULT).worker(5).maxWait(Duration.ofMillis(200)).build();
        f.install(db);
        // the last ID 5 s ahead of the clock with its tick used up: as after the clock stepped back 5 s
        long ahead = BitLayout.DEFAULT.tickOf(System.currentTimeMillis() + 5_000);
        Servers.execute(db, "SELECT setval('" + f.stateSequence() + "', " + (ahead << 12 | 4095) + ")");
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 50");
            assertThatThrownBy(() -> s.execute("SELECT idmint_next_id()")).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertThat(advisoryLocksHeld(s)).as("advisory locks after a cancel").isZero();
            s.execute("SET statement_timeout = 0");
            assertThatThrownBy(() -> s.execute("SELECT idmint_next_id()")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("the clock").hasMessageContaining("is behind the last ID's tick")
                    .hasMessageContaining("after waiting 200 ms")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(IdFunction.CLOCK_BEHIND);
            assertThat(advisoryLocksHeld(s)).as("advisory locks after a failure").isZero();
        }
        // another session is not blocked: back to a sane state, it gets an ID at once
        Servers.execute(db, "SELECT setval('" + f.stateSequence() + "', 0)");
        assertThat(BitLayout.DEFAULT.decode(Servers.queryLong(db, "SELECT idmint_next_id()")).worker()).isEqualTo(5);
    }

    private static long advisoryLocksHeld(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void namesThatCouldCarrySqlAreRefusedAndEveryNameIsQuoted() {
        for (String bad : new String[] {"x\"; DROP TABLE t; --", "f()", "a b", "idmint_next_id$x", "1abc", "s.t.u", ""}) {
            assertThatThrownBy(() -> IdFunction.builder(BitLayout.DEFAULT).worker(1).name(bad).build())
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("function=" + bad);
        }
        String sql = IdFunction.builder(BitLayout.DEFAULT).worker(1).name("ids.Next_Id").build().sql();
        assertThat(sql).contains("CREATE OR REPLACE FUNCTION \"ids\".\"Next_Id\"()")
                .contains("CREATE SEQUENCE IF NOT EXISTS \"ids\".\"Next_Id_state\"");
    }

    @Test
    void aWorkerInsideALeasedRangeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> IdFunction.builder(BitLayout.DEFAULT).worker(20).outside(16, 31, "workers.range of idmint.yaml")
                .build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("worker 20 lies inside workers.range of idmint.yaml 16..31").hasMessageContaining("worker 15");
        assertThatThrownBy(() -> IdFunction.builder(BitLayout.DEFAULT).worker(32).build())
                .hasMessageContaining("worker must be 0..31").hasMessageContaining("worker=32");
        assertThat(IdFunction.builder(BitLayout.DEFAULT).worker(15).outside(16, 31, "workers.range").build().worker()).isEqualTo(15);
    }

    @Test
    void installRefusesASecondFunctionOnTheSameWorkerAndAnotherLayoutUnderAnInstalledName() {
        Database db = Servers.newDatabase();
        IdFunction.builder(BitLayout.DEFAULT).worker(7).build().install(db);
        IdFunction.builder(BitLayout.DEFAULT).worker(7).build().install(db); // again: same IDs, allowed
        assertThatThrownBy(() -> IdFunction.builder(BitLayout.DEFAULT).worker(7).name("other_ids").build().install(db))
                .isInstanceOf(MigrationRefusedException.class).hasMessageContaining("public.idmint_next_id() already issues IDs")
                .hasMessageContaining("worker 7");
        assertThatThrownBy(() -> IdFunction.builder(BitLayout.preset("twitter")).worker(7).build().install(db))
                .isInstanceOf(MigrationRefusedException.class).hasMessageContaining("is installed for layout")
                .hasMessageContaining("epoch=1288834974657");
    }
}
