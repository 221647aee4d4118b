package io.idmint.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A migration as {@code add-column} recorded it in the control table {@code <schema>.idmint_migration}, with the
 * backfill's progress: the source of truth every later step checks its arguments against.
 *
 * @param worker the backfill's worker, -1 before its first run
 */
record Recorded(String table, String idColumn, String timestampColumn, String function, String layout, long datacenter,
                long worker, long rowsDone, boolean finished) {

    /** Empty when the control table or the table's row does not exist. */
    static Optional<Recorded> read(Connection c, MigrationSql sql) throws SQLException {
        if (TableInfo.oid(c, sql.control) == null) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id_column, timestamp_column, function_name, layout, datacenter, worker,"
                + " rows_done, backfill_finished_at IS NOT NULL FROM " + sql.control.quoted() + " WHERE table_name = ?")) {
            s.setString(1, sql.table.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long worker = rs.getLong(6);
                return Optional.of(new Recorded(sql.table.toString(), rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.wasNull() ? -1 : worker, rs.getLong(7), rs.getBoolean(8)));
            }
        }
    }

    /** Another table of the same control table whose backfill took this (datacenter, worker). */
    static Optional<String> workerTakenBy(Connection c, MigrationSql sql, long datacenter, long worker) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM " + sql.control.quoted()
                + " WHERE table_name <> ? AND datacenter = ? AND worker = ?")) {
            s.setString(1, sql.table.toString());
            s.setLong(2, datacenter);
            s.setLong(3, worker);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** @throws MigrationRefusedException when the arguments name another migration than the one recorded */
    void requireSame(MigrationSpec spec) {
        String ts = spec.timestampColumn();
        String fn = SqlName.parse(spec.function(), "function").toString();
        if (!idColumn.equals(spec.column()) || !java.util.Objects.equals(timestampColumn, ts) || !function.equals(fn)
                || !layout.equals(spec.layout().fingerprint())) {
            throw new MigrationRefusedException("the migration of " + table + " was recorded with column " + idColumn
                    + ", timestamp column " + timestampColumn + ", function " + function + ", layout " + layout
                    + "; this step was given column " + spec.column() + ", timestamp column " + ts + ", function " + fn
                    + ", layout " + spec.layout().fingerprint() + ": give the recorded ones");
        }
    }
}
