package io.idmint.postgres;

import io.idmint.core.BitLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link Migration#plan()}: the table as it is, the steps in order with their SQL, and how long they should take. */
final class Planner {
    /**
     * Backfill rows per second: 25,000 measured on this project's 2-core machine while other work shared it (100,000
     * UUID-keyed rows, batches of 10,000, with the order index); the progress bar shows the real rate.
     */
    static final long BACKFILL_ROWS_PER_SECOND = 25_000;
    /** Rows per second a unique index on a bigint column builds at, concurrently (two table scans), same machine: ~1M measured. */
    static final long INDEX_ROWS_PER_SECOND = 500_000;

    private final MigrationSpec spec;
    private final TableInfo info;
    private final MigrationSql sql;
    private final Optional<Recorded> recorded;
    private final String location;

    Planner(MigrationSpec spec, TableInfo info, MigrationSql sql, Optional<Recorded> recorded, String location) {
        this.spec = spec;
        this.info = info;
        this.sql = sql;
        this.recorded = recorded;
        this.location = location;
    }

    String render(Connection c) throws SQLException {
        long rows = Backfill.count(c, "SELECT count(*) FROM " + sql.table.quoted());
        StringBuilder out = new StringBuilder();
        BitLayout layout = spec.layout();
        out.append("Migration of ").append(sql.table).append(" on ").append(location).append(" to idmint IDs in column ")
                .append(sql.column).append("\n\n");
        line(out, "table", String.format(Locale.ROOT, "%,d rows (exact count), %s with indexes; primary key %s %s (%s, index %s)",
                rows, size(c, "pg_total_relation_size", sql.table.literal()), info.keyColumn(), info.keyType(), info.keyConstraint(),
                size(c, "pg_relation_size", "'" + SqlName.quote(sql.table.schema()) + "." + SqlName.quote(info.keyConstraint()) + "'")));
        line(out, "layout", layout.name() + " (" + layout.binaryView() + ", tick " + layout.tickMillis() + " ms, epoch " + layout.epoch() + ")");
        line(out, "new rows", functionLine(c));
        line(out, "old rows", spec.timestampColumn() == null
                ? "IDs carry the time of the backfill, in " + info.keyColumn() + " order (no --timestamp-column)"
                : "IDs carry each row's " + spec.timestampColumn() + " (" + info.columns().get(spec.timestampColumn()) + "), in ("
                        + spec.timestampColumn() + ", " + info.keyColumn() + ") order, so they keep the rows' historical order");
        line(out, "backfill worker", workerLine());
        line(out, "referenced by", info.references().isEmpty() ? "no foreign key"
                : String.join("; ", info.references().stream().map(TableInfo.Reference::toString).toList()));
        line(out, "triggers", info.triggers().isEmpty() ? "none on the table (the backfill's UPDATEs fire no trigger of yours)"
                : String.join(", ", info.triggers()) + ": UPDATE triggers among them fire for every backfilled row");
        line(out, "progress", recorded.map(r -> String.format(Locale.ROOT, "add-column done; backfill %s, %,d rows so far",
                r.finished() ? "finished" : "not finished", r.rowsDone())).orElse("nothing done yet"));
        line(out, "estimated time", estimate(rows));
        out.append('\n');
        steps(out);
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, "  %-16s %s%n", label, text));
    }

    private String functionLine(Connection c) throws SQLException {
        Optional<IdFunction.Installed> f = IdFunction.find(c, sql.function);
        if (f.isEmpty()) {
            return sql.function + "() is not installed yet: step 1";
        }
        String layoutNote = f.get().fingerprint().equals(spec.layout().fingerprint()) ? ""
                : " -- ANOTHER LAYOUT (" + f.get().fingerprint() + "): add-column will refuse it";
        return "from " + sql.function + "() (installed: datacenter " + f.get().datacenter() + ", worker " + f.get().worker() + ")"
                + layoutNote;
    }

    private String workerLine() {
        if (recorded.isPresent() && recorded.get().worker() >= 0) {
            return "datacenter " + recorded.get().datacenter() + ", worker " + recorded.get().worker() + " (recorded by the first backfill run)";
        }
        return spec.worker() < 0 ? "not chosen yet: backfill needs --worker, one reserved for it"
                : "datacenter " + spec.datacenter() + ", worker " + spec.worker() + ", reserved for this backfill";
    }

    private static String estimate(long rows) {
        long index = Math.max(1, rows / INDEX_ROWS_PER_SECOND);
        long backfill = Math.max(1, rows / BACKFILL_ROWS_PER_SECOND);
        return String.format(Locale.ROOT, "add-column ~%s (unique index built concurrently); backfill ~%s at ~%,d rows/s;"
                + " verify ~%s", BackfillProgress.format(java.time.Duration.ofSeconds(index)),
                BackfillProgress.format(java.time.Duration.ofSeconds(backfill)), BACKFILL_ROWS_PER_SECOND,
                BackfillProgress.format(java.time.Duration.ofSeconds(index * 2)));
    }

    private static String size(Connection c, String function, String relation) throws SQLException {
        List<String> v = TableInfo.queryString(c, "SELECT pg_catalog.pg_size_pretty(pg_catalog." + function + "(" + relation + "::regclass))");
        return v.get(0);
    }

    private void steps(StringBuilder out) {
        out.append("Steps\n");
        step(out, 1, "install the function new rows take their ID from (idmint sql --apply --worker N, a worker no process"
                + " uses)", List.of());
        List<String> add = new java.util.ArrayList<>(List.of(sql.controlTable() + ";", sql.addColumn() + ";", sql.mappingTable() + ";"));
        sql.triggers().forEach(t -> add.add(t + ";"));
        add.add("-- then, outside the transaction:");
        add.add(sql.createUniqueIndex() + ";");
        if (spec.timestampColumn() != null) {
            add.add(sql.createOrderIndex() + ";   -- unless an index already leads with " + spec.timestampColumn());
        }
        step(out, 2, "add-column: the column, the mapping table and the dual-write triggers in one transaction (lock_timeout 5s),"
                + " then the unique index, concurrently", add);
        step(out, 3, "backfill (resumable; one transaction per batch of " + spec.batchSize() + " rows, progress saved with it)",
                List.of(sql.selectBatch() + ";", sql.updateBatch() + ";", sql.saveProgress() + ";"));
        step(out, 4, "verify: every row has a unique ID, the mapping is complete"
                + (spec.timestampColumn() == null ? "" : ", backfilled rows keep the order of " + spec.timestampColumn()), List.of());
        step(out, 5, "referencing tables: give them the new key through the mapping", sql.referencing(info.references()));
        step(out, 6, "cutover: idmint migrate cutover prints the switch for review; you run it", List.of());
    }

    private static void step(StringBuilder out, int n, String what, List<String> statements) {
        out.append(String.format(Locale.ROOT, "  %d. %s%n", n, what));
        for (String s : statements) {
            out.append("       ").append(s.replace("\n", "\n       ")).append('\n');
        }
    }
}
