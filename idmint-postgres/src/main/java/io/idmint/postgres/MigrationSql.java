package io.idmint.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Every statement a migration runs or prints, for one table. Names come from {@link SqlName} (validated,
 * quoted); types come from the catalog ({@code format_type}); values travel as bind parameters.
 */
final class MigrationSql {
    final SqlName table;
    final String column;
    final String timestampColumn;
    final SqlName function;
    final SqlName mapping;
    final SqlName uniqueIndex;
    final SqlName orderIndex;
    final SqlName dualWrite;
    final SqlName mapWrite;
    final SqlName control;
    private final String key;
    private final String keyType;
    private final String timestampType;

    MigrationSql(MigrationSpec spec, TableInfo info) {
        this.table = SqlName.parse(spec.table(), "table");
        this.column = spec.column();
        this.timestampColumn = spec.timestampColumn();
        this.function = SqlName.parse(spec.function(), "function");
        this.mapping = table.derived("_idmint_map", "mapping table");
        this.uniqueIndex = table.derived("_" + column + "_key", "unique index");
        this.orderIndex = table.derived("_idmint_order", "order index");
        this.dualWrite = table.derived("_idmint_dual_write", "trigger");
        this.mapWrite = table.derived("_idmint_map_write", "trigger");
        this.control = new SqlName(table.schema(), "idmint_migration");
        this.key = info.keyColumns().isEmpty() ? null : info.keyColumn();
        this.keyType = info.keyType();
        this.timestampType = timestampColumn == null ? null : info.columns().get(timestampColumn);
    }

    private static String q(String identifier) {
        return SqlName.quote(identifier);
    }

    String controlTable() {
        return "CREATE TABLE IF NOT EXISTS " + control.quoted() + " (\n"
                + "  table_name text PRIMARY KEY,          -- schema.table being migrated\n"
                + "  id_column text NOT NULL, legacy_column text NOT NULL, legacy_type text NOT NULL,\n"
                + "  timestamp_column text, mapping_table text NOT NULL, function_name text NOT NULL,\n"
                + "  layout text NOT NULL,                  -- the layout's fingerprint\n"
                + "  datacenter bigint, worker bigint,      -- the backfill's reserved worker, set by its first run\n"
                + "  cursor_timestamp text, cursor_key text, -- the last row backfilled, in backfill order\n"
                + "  last_state bigint NOT NULL DEFAULT -1,  -- (tick << sequence bits) | sequence of the last backfilled ID\n"
                + "  rows_done bigint NOT NULL DEFAULT 0,\n"
                + "  added_at timestamptz NOT NULL DEFAULT now(), backfill_started_at timestamptz, backfill_finished_at timestamptz)";
    }

    String addColumn() {
        return "ALTER TABLE " + table.quoted() + " ADD COLUMN " + q(column) + " bigint";
    }

    String mappingTable() {
        return "CREATE TABLE " + mapping.quoted() + " (legacy_key " + keyType + " PRIMARY KEY, new_id bigint NOT NULL UNIQUE,"
                + " origin text NOT NULL CHECK (origin IN ('backfill', 'insert', 'update')))";
    }

    /**
     * New rows get their ID from the function unless the application wrote one (dual writes from an idmint
     * generator); every row written with an ID lands in the mapping. The backfill's own updates are left out of
     * the trigger ({@code idmint.backfill} set in its session): it writes the mapping in the same statement.
     */
    List<String> triggers() {
        List<String> out = new ArrayList<>();
        out.add("CREATE OR REPLACE FUNCTION " + dualWrite.quoted() + "() RETURNS trigger LANGUAGE plpgsql AS $idmint$\nBEGIN\n"
                + "  IF NEW." + q(column) + " IS NULL THEN\n    NEW." + q(column) + " := " + function.quoted() + "();\n  END IF;\n"
                + "  RETURN NEW;\nEND\n$idmint$");
        out.add("CREATE TRIGGER " + q(dualWrite.name()) + " BEFORE INSERT ON " + table.quoted() + " FOR EACH ROW EXECUTE FUNCTION "
                + dualWrite.quoted() + "()");
        out.add("CREATE OR REPLACE FUNCTION " + mapWrite.quoted() + "() RETURNS trigger LANGUAGE plpgsql AS $idmint$\nBEGIN\n"
                + "  IF NEW." + q(column) + " IS NOT NULL THEN\n"
                + "    INSERT INTO " + mapping.quoted() + " (legacy_key, new_id, origin) VALUES (NEW." + q(key) + ", NEW." + q(column)
                + ", pg_catalog.lower(TG_OP))\n"
                + "      ON CONFLICT (legacy_key) DO UPDATE SET new_id = EXCLUDED.new_id, origin = EXCLUDED.origin;\n  END IF;\n"
                + "  RETURN NULL;\nEND\n$idmint$");
        out.add("CREATE TRIGGER " + q(mapWrite.name()) + " AFTER INSERT OR UPDATE OF " + q(column) + " ON " + table.quoted()
                + " FOR EACH ROW WHEN (pg_catalog.current_setting('idmint.backfill', true) IS DISTINCT FROM 'on')"
                + " EXECUTE FUNCTION " + mapWrite.quoted() + "()");
        return out;
    }

    String createUniqueIndex() {
        return "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + q(uniqueIndex.name()) + " ON " + table.quoted() + " (" + q(column) + ")";
    }

    /** The backfill reads in (timestamp, key) order: with this index, each batch is an index range scan. */
    String createOrderIndex() {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + q(orderIndex.name()) + " ON " + table.quoted() + " ("
                + q(timestampColumn) + ", " + q(key) + ")";
    }

    String dropIndex(SqlName index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + index.quoted();
    }

    String recordMigration() {
        return "INSERT INTO " + control.quoted() + " (table_name, id_column, legacy_column, legacy_type, timestamp_column,"
                + " mapping_table, function_name, layout) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * The next batch in backfill order, after the cursor: key and, with a timestamp column, the timestamp as text
     * (the cursor) and in Unix milliseconds (what the ID carries). The first batch binds null cursors.
     */
    String selectBatch() {
        String t = "t.";
        if (timestampColumn == null) {
            return "SELECT " + t + q(key) + "::text FROM " + table.quoted() + " t WHERE " + t + q(column) + " IS NULL AND (CAST(? AS text)"
                    + " IS NULL OR " + t + q(key) + " > CAST(CAST(? AS text) AS " + keyType + ")) ORDER BY " + t + q(key) + " LIMIT ?";
        }
        String ts = t + q(timestampColumn);
        return "SELECT " + t + q(key) + "::text, " + ts + "::text, pg_catalog.floor(EXTRACT(epoch FROM " + ts + ") * 1000)::bigint"
                + " FROM " + table.quoted() + " t WHERE " + t + q(column) + " IS NULL AND (CAST(? AS text) IS NULL OR (" + ts + ", " + t
                + q(key) + ") > (CAST(CAST(? AS text) AS " + timestampType + "), CAST(CAST(? AS text) AS " + keyType + ")))"
                + " ORDER BY " + ts + ", " + t + q(key) + " LIMIT ?";
    }

    /** Writes a batch's IDs into rows still without one and into the mapping, in one statement. */
    String updateBatch() {
        return "WITH v(k, id) AS (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]))),\n"
                + " u AS (UPDATE " + table.quoted() + " t SET " + q(column) + " = v.id FROM v WHERE t." + q(key) + " = CAST(v.k AS "
                + keyType + ") AND t." + q(column) + " IS NULL RETURNING t." + q(key) + " AS k, t." + q(column) + " AS id)\n"
                + "INSERT INTO " + mapping.quoted() + " (legacy_key, new_id, origin) SELECT k, id, 'backfill' FROM u\n"
                + " ON CONFLICT (legacy_key) DO UPDATE SET new_id = EXCLUDED.new_id, origin = EXCLUDED.origin";
    }

    String readProgress() {
        return "SELECT cursor_timestamp, cursor_key, last_state, rows_done, datacenter, worker, backfill_finished_at IS NOT NULL"
                + " FROM " + control.quoted() + " WHERE table_name = ? FOR UPDATE";
    }

    String saveProgress() {
        return "UPDATE " + control.quoted() + " SET cursor_timestamp = ?, cursor_key = ?, last_state = ?, rows_done = rows_done + ?,"
                + " datacenter = ?, worker = ?, backfill_started_at = COALESCE(backfill_started_at, now()) WHERE table_name = ?";
    }

    String finish() {
        return "UPDATE " + control.quoted() + " SET backfill_finished_at = now() WHERE table_name = ?";
    }

    /** For each foreign key on the legacy key: a new column in the referencing table, filled from the mapping. */
    List<String> referencing(List<TableInfo.Reference> references) {
        List<String> out = new ArrayList<>();
        for (TableInfo.Reference ref : references) {
            if (ref.columns().size() > 1) {
                out.add("-- " + ref + ": a composite foreign key; map it by hand through " + mapping);
                continue;
            }
            String col = q(ref.columns().get(0));
            String newCol = q(ref.columns().get(0) + "_new");
            out.add("ALTER TABLE " + ref.quotedTable() + " ADD COLUMN " + newCol + " bigint;   -- for " + ref);
            out.add("UPDATE " + ref.quotedTable() + " r SET " + newCol + " = m.new_id FROM " + mapping.quoted() + " m WHERE m.legacy_key = r."
                    + col + " AND r." + newCol + " IS NULL;   -- in batches on a large table");
        }
        return out;
    }

    String key() {
        return key;
    }
}
