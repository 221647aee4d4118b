package io.idmint.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves a table keyed by UUID or bigserial to idmint IDs, online, in the steps of seed 004's migration planner:
 * {@link #plan()} prints them with the SQL; {@link #addColumn()} adds a {@code BIGINT} column, the mapping
 * table (legacy key to new ID), the dual-write triggers (new rows take their ID from an {@link IdFunction})
 * and a unique index built concurrently; {@link #backfill} gives every older row its ID in batches, resumable
 * after a crash; {@link #verify()} checks the result; {@link #cutover()} prints the switch, never runs it.
 *
 * <p>Every step first checks the table and refuses, changing nothing, on a table without a primary key (or
 * with a composite one), a timestamp column of another type than {@code timestamp[tz]}, a column or mapping
 * table name already taken, a function of another layout; {@link #backfill} also refuses while another
 * backfill of the table runs (an advisory lock).
 */
public final class Migration {
    private final Database db;
    private final MigrationSpec spec;

    private Migration(Database db, MigrationSpec spec) {
        this.db = db;
        this.spec = spec;
    }

    public static Migration of(Database db, MigrationSpec spec) {
        return new Migration(db, spec);
    }

    /** The steps and their SQL for this table, with its row count, sizes, estimated times and the foreign keys on it. */
    public String plan() {
        return withConnection("planning the migration of " + spec.table(), c -> {
            TableInfo info = checkedTable(c);
            MigrationSql sql = new MigrationSql(spec, info);
            Optional<Recorded> recorded = Recorded.read(c, sql);
            if (recorded.isEmpty()) {
                refuseTakenNames(c, info, sql);
            }
            return new Planner(spec, info, sql, recorded, db.location()).render(c);
        });
    }

    /**
     * Adds the column, the mapping table and the triggers in one short transaction (waiting at most 5 s for the
     * table's lock), then builds the unique index (and, with a timestamp column and no index leading with it,
     * the backfill's order index) concurrently. Run again after an interruption, it finishes what is missing.
     *
     * @return what it did, one line each
     */
    public List<String> addColumn() {
        return withConnection("adding " + spec.column() + " to " + spec.table(), c -> {
            TableInfo info = checkedTable(c);
            MigrationSql sql = new MigrationSql(spec, info);
            requireFunction(c, sql);
            List<String> done = new ArrayList<>();
            Optional<Recorded> recorded = Recorded.read(c, sql);
            if (recorded.isPresent()) {
                recorded.get().requireSame(spec);
                done.add("column " + spec.column() + ", mapping table " + sql.mapping + " and triggers: already added");
            } else {
                refuseTakenNames(c, info, sql);
                addInOneTransaction(c, info, sql);
                done.add("added column " + spec.column() + " bigint, mapping table " + sql.mapping + ", triggers "
                        + sql.dualWrite.name() + " and " + sql.mapWrite.name() + " (new rows get IDs from " + sql.function + "())");
            }
            done.add(buildIndex(c, sql.uniqueIndex, sql.createUniqueIndex(), sql));
            if (spec.timestampColumn() != null && !TableInfo.indexLeadsWith(c, sql.table, spec.timestampColumn())) {
                done.add(buildIndex(c, sql.orderIndex, sql.createOrderIndex(), sql));
            }
            return done;
        });
    }

    /**
     * Gives every row without an ID its ID, in batches of {@link MigrationSpec#batchSize()}, each one transaction
     * that also records the progress: killed at any point, a new run resumes after the last committed batch.
     *
     * @param progress called after every committed batch
     * @return rows this run gave an ID
     */
    public long backfill(Consumer<BackfillProgress> progress) {
        return withConnection("backfilling " + spec.table(), c -> {
            TableInfo info = checkedTable(c);
            MigrationSql sql = new MigrationSql(spec, info);
            Recorded recorded = Recorded.read(c, sql).orElseThrow(() -> new MigrationRefusedException("no migration of "
                    + sql.table + " is recorded in " + db.location() + ": run add-column first"));
            recorded.requireSame(spec);
            return new Backfill(spec, sql, recorded).run(c, progress);
        });
    }

    /** Checks every row has a unique ID, the mapping is complete and, with a timestamp column, the order kept. */
    public VerifyReport verify() {
        return withConnection("verifying the migration of " + spec.table(), c -> {
            TableInfo info = checkedTable(c);
            MigrationSql sql = new MigrationSql(spec, info);
            Optional<Recorded> recorded = Recorded.read(c, sql);
            recorded.ifPresent(r -> r.requireSame(spec));
            return new Verifier(spec, sql, recorded).run(c);
        });
    }

    /** The switch to the new key, for review: printed, never run. Verify's findings head it. */
    public CutoverScript cutover() {
        VerifyReport report = verify();
        return withConnection("printing the cutover of " + spec.table(), c -> {
            TableInfo info = checkedTable(c);
            return new CutoverScript(Cutover.sql(spec, info, new MigrationSql(spec, info), report), report);
        });
    }

    /** The table, checked: it exists, is a plain table, has a one-column primary key, and a timestamp column of a timestamp type. */
    private TableInfo checkedTable(Connection c) throws SQLException {
        SqlName name = SqlName.parse(spec.table(), "table");
        TableInfo info = TableInfo.read(c, name).orElseThrow(() -> new MigrationRefusedException("table " + name
                + " does not exist in " + db.location()));
        if (info.relkind() != 'r') {
            throw new MigrationRefusedException("table " + name + " is " + (info.relkind() == 'p' ? "partitioned" : "not a plain table")
                    + " (relkind " + info.relkind() + "): migrate handles plain tables (migrate each partition on its own)");
        }
        if (info.keyColumns().isEmpty()) {
            throw new MigrationRefusedException("table " + name + " has no primary key: the mapping table and the backfill's"
                    + " resumable order need one (e.g. ALTER TABLE " + name.quoted() + " ADD PRIMARY KEY (id))");
        }
        if (info.keyColumns().size() > 1) {
            throw new MigrationRefusedException("table " + name + " has a primary key of " + info.keyColumns().size() + " columns "
                    + info.keyColumns() + ": migrate maps a one-column key (UUID, bigserial, ...)");
        }
        String ts = spec.timestampColumn();
        if (ts != null && !info.columns().containsKey(ts)) {
            throw new MigrationRefusedException("timestamp column " + ts + " does not exist in " + name + " (columns: "
                    + info.columns().keySet() + ")");
        }
        if (ts != null && !TableInfo.TIMESTAMP_TYPES.contains(info.columns().get(ts))) {
            throw new MigrationRefusedException("timestamp column " + ts + " of " + name + " is " + info.columns().get(ts)
                    + "; it must be timestamp with time zone, or timestamp without time zone (read as UTC)");
        }
        return info;
    }

    private static void refuseTakenNames(Connection c, TableInfo info, MigrationSql sql) throws SQLException {
        String type = info.columns().get(sql.column);
        if (type != null) {
            throw new MigrationRefusedException("column " + sql.column + " of " + sql.table + " already exists (" + type
                    + "): choose another --column");
        }
        for (SqlName taken : List.of(sql.mapping, sql.uniqueIndex, sql.orderIndex, sql.dualWrite, sql.mapWrite)) {
            if (TableInfo.oid(c, taken) != null || !TableInfo.queryString(c, "SELECT p.oid::text FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.proname = ?",
                    taken.schema(), taken.name()).isEmpty()) {
                throw new MigrationRefusedException(taken + " already exists and was not made by a recorded idmint migration"
                        + " of " + sql.table + ": drop or rename it, or choose another --column");
            }
        }
    }

    private void requireFunction(Connection c, MigrationSql sql) throws SQLException {
        IdFunction.Installed f = IdFunction.find(c, sql.function).orElseThrow(() -> new MigrationRefusedException("function "
                + sql.function + "() is not installed in " + db.location() + ": new rows take their ID from it; install it"
                + " first (idmint sql --apply --worker N ...)"));
        if (!f.fingerprint().equals(spec.layout().fingerprint())) {
            throw new MigrationRefusedException("function " + sql.function + "() issues IDs of layout " + f.fingerprint()
                    + ", not of layout " + spec.layout().name() + " " + spec.layout().fingerprint() + ": both kinds of ID would"
                    + " share the column; give the function's layout, or install a function for this one");
        }
    }

    private void addInOneTransaction(Connection c, TableInfo info, MigrationSql sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '5s'"); // queued behind a long transaction, ALTER would block every writer
            s.execute(sql.controlTable());
            try (PreparedStatement p = c.prepareStatement(sql.recordMigration())) {
                Object[] values = {sql.table.toString(), sql.column, info.keyColumn(), info.keyType(), sql.timestampColumn,
                    sql.mapping.toString(), sql.function.toString(), spec.layout().fingerprint()};
                for (int i = 0; i < values.length; i++) {
                    p.setObject(i + 1, values[i]);
                }
                p.executeUpdate();
            }
            s.execute(sql.addColumn());
            s.execute(sql.mappingTable());
            for (String t : sql.triggers()) {
                s.execute(t);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Builds an index concurrently; an invalid one left by an interrupted build is dropped and built again. */
    private static String buildIndex(Connection c, SqlName index, String create, MigrationSql sql) throws SQLException {
        Optional<Boolean> valid = TableInfo.indexValid(c, index);
        if (valid.orElse(false)) {
            return "index " + index + ": already built";
        }
        try (Statement s = c.createStatement()) {
            if (valid.isPresent()) {
                s.execute(sql.dropIndex(index));
            }
            long start = System.nanoTime();
            s.execute(create);
            return String.format(java.util.Locale.ROOT, "built index %s concurrently in %.1f s", index,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private interface Step<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(String doing, Step<T> step) {
        try (Connection c = db.open()) {
            return step.run(c);
        } catch (SQLException e) {
            throw PostgresException.of(doing + " on " + db.location(), e);
        }
    }
}
