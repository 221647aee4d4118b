package io.idmint.analyze;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;

/**
 * IDs from a query's first column, row by row: PostgreSQL streams the rows through a cursor ({@code fetchSize}
 * inside a transaction), so the analysis stays in constant memory however many rows there are. A {@code BIGINT}
 * column is read as a number; any other type as text, in the analyzer's format. A NULL is an invalid row. Row
 * numbers stand in for line numbers. The query runs read-only.
 */
public final class JdbcSource {
    static final int FETCH_SIZE = 10_000;

    private JdbcSource() {}

    /** Runs {@code query} on {@code url} and feeds every row to {@code analyzer}; returns the rows read. */
    public static long read(String url, String user, String password, String query, Analyzer analyzer) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // pgJDBC uses a cursor (fetchSize) only inside a transaction
            long rows = 0;
            try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = st.executeQuery(query)) {
                    int type = rs.getMetaData().getColumnType(1);
                    boolean numeric = type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT;
                    while (rs.next()) {
                        rows++;
                        if (numeric) {
                            long v = rs.getLong(1);
                            if (rs.wasNull()) {
                                analyzer.invalid(rows, "NULL", "the row's first column is NULL");
                            } else {
                                analyzer.id(v, rows);
                            }
                        } else {
                            String text = rs.getString(1);
                            if (text == null) {
                                analyzer.invalid(rows, "NULL", "the row's first column is NULL");
                            } else {
                                analyzer.text(text.trim(), rows);
                            }
                        }
                    }
                }
            } finally {
                c.rollback();
            }
            return rows;
        }
    }
}
