package io.idmint.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog says about the table to migrate, read once per step: its primary key, its columns and their
 * types, the foreign keys that reference it, its own triggers, whether an index already leads with the
 * timestamp column.
 *
 * @param table the table
 * @param relkind {@code r} for a plain table, {@code p} for a partitioned one
 * @param keyColumns the primary key's columns (empty: none)
 * @param keyType the primary key's type as {@code format_type} prints it (the first column's)
 * @param keyConstraint the primary key constraint's name
 * @param columns every column's type, by name, in table order
 * @param references the foreign keys of other tables on this one
 * @param triggers this table's own triggers (not constraint triggers)
 */
record TableInfo(SqlName table, char relkind, List<String> keyColumns, String keyType, String keyConstraint, Map<String, String> columns,
                 List<Reference> references, List<String> triggers) {
    static final List<String> TIMESTAMP_TYPES = List.of("timestamp with time zone", "timestamp without time zone");

    /** Empty when the table does not exist. */
    static Optional<TableInfo> read(Connection c, SqlName table) throws SQLException {
        Long oid = oid(c, table);
        if (oid == null) {
            return Optional.empty();
        }
        char kind = queryString(c, "SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = ?", oid).get(0).charAt(0);
        List<String> key = queryString(c, "SELECT a.attname FROM pg_catalog.pg_constraint k, unnest(k.conkey) WITH ORDINALITY AS u(attnum, n)"
                + " JOIN pg_catalog.pg_attribute a ON a.attnum = u.attnum WHERE k.conrelid = ? AND k.contype = 'p'"
                + " AND a.attrelid = k.conrelid ORDER BY u.n", oid);
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT attname, pg_catalog.format_type(atttypid, atttypmod)"
                + " FROM pg_catalog.pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<Reference> refs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT n.nspname, r.relname, k.conname, (SELECT array_agg(a.attname ORDER BY u.n)"
                + " FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, n) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid"
                + " AND a.attnum = u.attnum)::text[] FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class r ON r.oid = k.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace WHERE k.confrelid = ? AND k.contype = 'f' ORDER BY 1, 2, 3")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    refs.add(new Reference(rs.getString(1), rs.getString(2), List.of((String[]) rs.getArray(4).getArray()), rs.getString(3)));
                }
            }
        }
        List<String> triggers = queryString(c, "SELECT tgname FROM pg_catalog.pg_trigger WHERE tgrelid = ? AND NOT tgisinternal"
                + " ORDER BY tgname", oid);
        String keyType = key.isEmpty() ? null : columns.get(key.get(0));
        List<String> constraint = queryString(c, "SELECT conname FROM pg_catalog.pg_constraint WHERE conrelid = ? AND contype = 'p'", oid);
        return Optional.of(new TableInfo(table, kind, key, keyType, constraint.isEmpty() ? null : constraint.get(0), columns, refs,
                triggers));
    }

    static Long oid(Connection c, SqlName name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            s.setString(1, name.schema());
            s.setString(2, name.name());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Whether a valid index of the table has {@code column} as its first key column. */
    static boolean indexLeadsWith(Connection c, SqlName table, String column) throws SQLException {
        return !queryString(c, "SELECT i.indexrelid::regclass::text FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = ? AND i.indisvalid AND a.attname = ?",
                oid(c, table), column).isEmpty();
    }

    /** {@code valid}, {@code invalid} (an interrupted CREATE INDEX CONCURRENTLY), or empty when there is none. */
    static Optional<Boolean> indexValid(Connection c, SqlName index) throws SQLException {
        Long oid = oid(c, index);
        if (oid == null) {
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(queryString(c, "SELECT indisvalid::text FROM pg_catalog.pg_index WHERE indexrelid = ?",
                oid).get(0)));
    }

    static List<String> queryString(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** A foreign key on this table's key: its table, columns and constraint name, as the catalog has them (unquoted). */
    record Reference(String schema, String table, List<String> columns, String constraint) {
        String quotedTable() {
            return SqlName.quote(schema) + "." + SqlName.quote(table);
        }

        @Override
        public String toString() {
            return schema + "." + table + "(" + String.join(", ", columns) + ") " + constraint;
        }
    }

    String keyColumn() {
        return keyColumns.get(0);
    }
}
