package io.idmint.postgres;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One backfill run. Rows are read in a fixed order, (timestamp, key) with a timestamp column, else key, after a
 * cursor; each batch is one transaction that writes the rows' IDs, their mapping rows and the new cursor and
 * allocator state together, so a run killed at any point leaves either all of a batch or none of it, and the
 * next run starts exactly after the last committed row: no row is given two IDs, none is skipped.
 *
 * <p><b>Uniqueness among rows sharing a timestamp.</b> The backfill has a (datacenter, worker) of its own,
 * reserved for it, and one allocator state ({@code tick << sequenceBits | sequence}) persisted with each batch:
 * each row takes {@code max(tick(row) << sequenceBits, last + 1)}. In backfill order the state strictly
 * increases, so no two rows share an ID, and a row with a later timestamp always gets a larger ID (order kept).
 * A tick holding more rows than the layout's sequence values carries into the following ticks: those IDs decode
 * up to {@code rows / 2^sequenceBits} ticks late, never out of order. Without a timestamp column the tick is the
 * backfill's clock at each batch.
 */
final class Backfill {
    /** Called inside each batch's transaction, just before COMMIT: tests kill the process here. */
    interface Hook {
        void beforeCommit(long batch) throws Exception;
    }

    static volatile Hook hook = batch -> { };

    private final MigrationSpec spec;
    private final MigrationSql sql;
    private final Recorded recorded;
    private final BitLayout layout;
    private final int seqBits;
    private long datacenter;
    private long worker;

    Backfill(MigrationSpec spec, MigrationSql sql, Recorded recorded) {
        this.spec = spec;
        this.sql = sql;
        this.recorded = recorded;
        this.layout = spec.layout();
        this.seqBits = layout.width(Field.SEQUENCE);
    }

    long run(Connection c, Consumer<BackfillProgress> progress) throws SQLException {
        lock(c);
        chooseWorker(c);
        if (spec.timestampColumn() != null) {
            checkTimestamps(c);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET idmint.backfill = 'on'"); // the mapping trigger skips this session: the batch writes the mapping itself
        }
        long total = count(c, "SELECT count(*) FROM " + sql.table.quoted() + " WHERE " + SqlName.quote(sql.column) + " IS NULL");
        long start = System.nanoTime();
        long done = 0;
        c.setAutoCommit(false);
        try {
            for (long batch = 1; ; batch++) {
                int n = batch(c, batch);
                if (n < 0) {
                    break;
                }
                done += n;
                progress.accept(new BackfillProgress(done, total, Duration.ofNanos(System.nanoTime() - start)));
            }
        } finally {
            c.setAutoCommit(true);
        }
        return done;
    }

    /** Session-level, held until the run's connection closes (a killed run's backend exits and frees it). */
    private void lock(Connection c) throws SQLException {
        int key = IdFunction.hash("backfill:" + sql.table);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_try_advisory_lock("
                + IdFunction.LOCK_CLASS + ", " + key + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        List<String> holders = TableInfo.queryString(c, "SELECT pid::text FROM pg_catalog.pg_locks WHERE locktype = 'advisory'"
                + " AND classid = ?::oid AND objid = ?::oid AND objsubid = 2 AND granted", (long) IdFunction.LOCK_CLASS, (long) key);
        throw PostgresException.busy("another backfill of " + sql.table + " is running (PostgreSQL backend pid "
                + String.join(", ", holders) + " holds its advisory lock): wait for it to finish, or stop it; a run killed"
                + " outright frees the lock when its connection closes");
    }

    /** The backfill's worker: the one recorded by its first run, or the one given; never the function's, nor another table's. */
    private void chooseWorker(Connection c) throws SQLException {
        if (recorded.worker() >= 0 && spec.worker() >= 0 && (recorded.worker() != spec.worker()
                || recorded.datacenter() != spec.datacenter())) {
            throw new MigrationRefusedException("the backfill of " + sql.table + " started with datacenter " + recorded.datacenter()
                    + ", worker " + recorded.worker() + "; resume it with the same (given: datacenter " + spec.datacenter()
                    + ", worker " + spec.worker() + "): its state belongs to that worker");
        }
        if (recorded.worker() < 0 && spec.worker() < 0) {
            throw new MigrationRefusedException("backfill needs --worker: a worker reserved for this backfill, used by no"
                    + " process and not by " + sql.function + "()");
        }
        datacenter = recorded.worker() >= 0 ? recorded.datacenter() : spec.datacenter();
        worker = recorded.worker() >= 0 ? recorded.worker() : spec.worker();
        var f = IdFunction.find(c, sql.function);
        if (f.isPresent() && f.get().datacenter() == datacenter && f.get().worker() == worker) {
            throw new MigrationRefusedException("worker " + worker + " (datacenter " + datacenter + ") is the one " + sql.function
                    + "() issues new rows' IDs on: the backfill needs a worker of its own, or the two could compose equal IDs");
        }
        var other = Recorded.workerTakenBy(c, sql, datacenter, worker);
        if (other.isPresent()) {
            throw new MigrationRefusedException("worker " + worker + " (datacenter " + datacenter + ") backfilled " + other.get()
                    + " already: rows of the two tables with equal timestamps would get equal IDs; give " + sql.table
                    + " a worker of its own");
        }
    }

    /** Every row to backfill needs a timestamp the layout can carry. */
    private void checkTimestamps(Connection c) throws SQLException {
        String ts = SqlName.quote(spec.timestampColumn());
        String where = " FROM " + sql.table.quoted() + " WHERE " + SqlName.quote(sql.column) + " IS NULL";
        long nulls = count(c, "SELECT count(*)" + where + " AND " + ts + " IS NULL");
        if (nulls > 0) {
            throw new MigrationRefusedException(nulls + " rows of " + sql.table + " have " + spec.timestampColumn()
                    + " NULL: their IDs would have no time to carry; fill them, or backfill without --timestamp-column");
        }
        List<String> range = TableInfo.queryString(c, "SELECT pg_catalog.floor(EXTRACT(epoch FROM min(" + ts + ")) * 1000)::text || ' '"
                + " || pg_catalog.floor(EXTRACT(epoch FROM max(" + ts + ")) * 1000)::text" + where);
        if (range.get(0) == null) {
            return;
        }
        String[] minMax = range.get(0).split(" ");
        if (!minMax[0].matches("-?\\d+") || !minMax[1].matches("-?\\d+")) {
            throw new MigrationRefusedException(spec.timestampColumn() + " of " + sql.table + " holds infinite timestamps (epoch"
                    + " milliseconds " + minMax[0] + " .. " + minMax[1] + "): their IDs would have no time to carry");
        }
        long min = Long.parseLong(minMax[0]);
        long max = Long.parseLong(minMax[1]);
        if (min < layout.epochMillis() || max >= layout.endOfLifeMillis()) {
            throw new MigrationRefusedException(spec.timestampColumn() + " of " + sql.table + " spans " + Instant.ofEpochMilli(min)
                    + " .. " + Instant.ofEpochMilli(max) + "; layout " + layout.name() + " carries " + layout.epoch() + " .. "
                    + layout.endOfLife() + " only");
        }
    }

    /** One batch in one transaction; the number of rows it gave an ID, or -1 when none was left (the run is finished). */
    private int batch(Connection c, long number) throws SQLException {
        try {
            Cursor cursor = readCursor(c);
            List<Row> rows = select(c, cursor);
            if (rows.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement(sql.finish())) {
                    p.setString(1, sql.table.toString());
                    p.executeUpdate();
                }
                c.commit();
                return -1;
            }
            long state = cursor.state();
            long[] ids = new long[rows.size()];
            long nowTick = layout.tickOf(System.currentTimeMillis());
            for (int i = 0; i < ids.length; i++) {
                long tick = spec.timestampColumn() == null ? nowTick : layout.tickOf(rows.get(i).millis());
                state = Math.max(tick << seqBits, state + 1);
                ids[i] = layout.compose(layout.millisOf(state >>> seqBits), datacenter, worker, state & layout.maxValue(Field.SEQUENCE));
            }
            int updated = update(c, rows, ids);
            saveCursor(c, rows.get(rows.size() - 1), state, updated);
            hook.beforeCommit(number);
            c.commit();
            return updated;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } catch (Exception e) {
            c.rollback();
            throw new IllegalStateException("backfill hook failed", e);
        }
    }

    private record Cursor(String timestamp, String key, long state) {}

    private record Row(String key, String timestamp, long millis) {}

    private Cursor readCursor(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.readProgress())) {
            p.setString(1, sql.table.toString());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Cursor(rs.getString(1), rs.getString(2), rs.getLong(3));
            }
        }
    }

    private List<Row> select(Connection c, Cursor cursor) throws SQLException {
        List<Row> rows = new ArrayList<>(spec.batchSize());
        boolean timed = spec.timestampColumn() != null;
        try (PreparedStatement p = c.prepareStatement(sql.selectBatch())) {
            int i = 1;
            p.setString(i++, cursor.key());
            if (timed) {
                p.setString(i++, cursor.timestamp());
            }
            p.setString(i++, cursor.key());
            p.setInt(i, spec.batchSize());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(timed ? new Row(rs.getString(1), rs.getString(2), rs.getLong(3)) : new Row(rs.getString(1), null, 0));
                }
            }
        }
        return rows;
    }

    private int update(Connection c, List<Row> rows, long[] ids) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.updateBatch())) {
            p.setArray(1, c.createArrayOf("text", rows.stream().map(Row::key).toArray()));
            Long[] boxed = new Long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                boxed[i] = ids[i];
            }
            p.setArray(2, c.createArrayOf("bigint", boxed));
            return p.executeUpdate();
        }
    }

    private void saveCursor(Connection c, Row last, long state, int updated) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.saveProgress())) {
            p.setString(1, last.timestamp());
            p.setString(2, last.key());
            p.setLong(3, state);
            p.setLong(4, updated);
            p.setLong(5, datacenter);
            p.setLong(6, worker);
            p.setString(7, sql.table.toString());
            p.executeUpdate();
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
