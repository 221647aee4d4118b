package io.idmint.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link Migration#verify()}: a few aggregate queries over the table and its mapping, each problem with examples. */
final class Verifier {
    private final MigrationSpec spec;
    private final MigrationSql sql;
    private final Optional<Recorded> recorded;
    private final List<String> problems = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();

    Verifier(MigrationSpec spec, MigrationSql sql, Optional<Recorded> recorded) {
        this.spec = spec;
        this.sql = sql;
        this.recorded = recorded;
    }

    VerifyReport run(Connection c) throws SQLException {
        if (recorded.isEmpty()) {
            problems.add("no migration of " + sql.table + " is recorded: run add-column and backfill first");
            return new VerifyReport(problems, facts);
        }
        String t = sql.table.quoted();
        String col = SqlName.quote(sql.column);
        String key = SqlName.quote(sql.key());
        long rows = Backfill.count(c, "SELECT count(*) FROM " + t);
        facts.add(String.format(Locale.ROOT, "%,d rows in %s", rows, sql.table));
        checkMissing(c, t, col, key);
        checkDuplicates(c, t, col);
        long outside = Backfill.count(c, "SELECT count(*) FROM " + t + " WHERE " + col + " < 0 OR " + col + " > " + spec.layout().maxId());
        if (outside > 0) {
            problems.add(outside + " rows of " + sql.table + " have a " + sql.column + " outside layout " + spec.layout().name()
                    + "'s IDs 0.." + spec.layout().maxId());
        }
        Optional<Boolean> index = TableInfo.indexValid(c, sql.uniqueIndex);
        if (!index.orElse(false)) {
            problems.add("unique index " + sql.uniqueIndex + " is " + (index.isEmpty() ? "missing" : "invalid (an interrupted build)")
                    + ": run add-column again");
        }
        checkMapping(c, t, col, key);
        if (spec.timestampColumn() != null) {
            checkOrder(c, t, col, key);
        }
        facts.add(recorded.get().finished() ? "backfill finished" : "backfill not finished");
        return new VerifyReport(problems, facts);
    }

    private void checkMissing(Connection c, String t, String col, String key) throws SQLException {
        long missing = Backfill.count(c, "SELECT count(*) FROM " + t + " WHERE " + col + " IS NULL");
        if (missing > 0) {
            problems.add(String.format(Locale.ROOT, "%,d rows of %s have no %s, e.g. %s %s: run backfill", missing, sql.table,
                    sql.column, sql.key(), examples(c, "SELECT " + key + "::text FROM " + t + " WHERE " + col + " IS NULL ORDER BY 1")));
        }
    }

    private void checkDuplicates(Connection c, String t, String col) throws SQLException {
        String dup = "SELECT " + col + "::text FROM " + t + " WHERE " + col + " IS NOT NULL GROUP BY " + col + " HAVING count(*) > 1";
        long duplicated = Backfill.count(c, "SELECT count(*) FROM (" + dup + ") d");
        if (duplicated > 0) {
            problems.add(String.format(Locale.ROOT, "%,d values of %s occur in more than one row of %s, e.g. %s", duplicated,
                    sql.column, sql.table, examples(c, dup + " ORDER BY 1")));
        } else {
            facts.add("every " + sql.column + " is unique");
        }
    }

    private void checkMapping(Connection c, String t, String col, String key) throws SQLException {
        String m = sql.mapping.quoted();
        String wrong = " FROM " + t + " t LEFT JOIN " + m + " m ON m.legacy_key = t." + key + " WHERE t." + col
                + " IS NOT NULL AND m.new_id IS DISTINCT FROM t." + col;
        long mismatched = Backfill.count(c, "SELECT count(*)" + wrong);
        if (mismatched > 0) {
            problems.add(String.format(Locale.ROOT, "%,d rows of %s have no row in %s, or one with another ID, e.g. %s %s",
                    mismatched, sql.table, sql.mapping, sql.key(), examples(c, "SELECT t." + key + "::text" + wrong + " ORDER BY 1")));
        } else {
            facts.add("mapping " + sql.mapping + " complete");
        }
        for (String origin : List.of("backfill", "insert", "update")) {
            long n = Backfill.count(c, "SELECT count(*) FROM " + m + " WHERE origin = '" + origin + "'");
            facts.add(String.format(Locale.ROOT, "%,d mapping rows from %s", n, origin));
        }
        long gone = Backfill.count(c, "SELECT count(*) FROM " + m + " m WHERE NOT EXISTS (SELECT 1 FROM " + t + " t WHERE t." + key
                + " = m.legacy_key)");
        facts.add(String.format(Locale.ROOT, "%,d mapping rows name rows deleted since (kept: legacy references may name them)", gone));
    }

    /** Backfilled rows in ID order must have non-decreasing timestamps (rows given IDs at insert carry their insert time). */
    private void checkOrder(Connection c, String t, String col, String key) throws SQLException {
        String ts = SqlName.quote(spec.timestampColumn());
        String inversions = "SELECT x.k FROM (SELECT t." + key + "::text AS k, t." + ts + " AS ts, pg_catalog.lag(t." + ts + ") OVER (ORDER BY t."
                + col + ") AS prev FROM " + t + " t JOIN " + sql.mapping.quoted() + " m ON m.legacy_key = t." + key
                + " AND m.origin = 'backfill' WHERE t." + col + " IS NOT NULL) x WHERE x.ts < x.prev";
        long n = Backfill.count(c, "SELECT count(*) FROM (" + inversions + ") i");
        if (n > 0) {
            problems.add(String.format(Locale.ROOT, "%,d backfilled rows of %s sort by %s before a row with an earlier %s, e.g. %s %s",
                    n, sql.table, sql.column, spec.timestampColumn(), sql.key(), examples(c, inversions + " ORDER BY 1")));
        } else {
            facts.add("backfilled rows keep the order of " + spec.timestampColumn());
        }
    }

    private static String examples(Connection c, String query) throws SQLException {
        return String.join(", ", TableInfo.queryString(c, query + " LIMIT 5"));
    }
}
