package io.idmint.postgres;

import io.idmint.testkit.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL for the module's tests, started on first use on a free 127.0.0.1 port and stopped (its
 * directory deleted) when the test JVM exits (the test kit's shutdown hook); every test takes a database of its own.
 */
final class Servers {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres postgres;

    private Servers() {}

    static synchronized Postgres postgres() {
        if (postgres == null) {
            try {
                postgres = Postgres.launch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return postgres;
    }

    /** A fresh, empty database on the shared server. */
    static Database newDatabase() {
        try {
            String url = postgres().createDatabase("pg_" + DATABASES.incrementAndGet());
            return Database.of(url, "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements on a connection of its own (autocommit). */
    static void execute(Database db, String... sql) {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", sql), e);
        }
    }

    /** The first column of the first row, as a long. */
    static long queryLong(Database db, String sql) {
        try (Connection c = db.open(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, as text. */
    static String queryString(Database db, String sql) {
        try (Connection c = db.open(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Relations with their columns and types, triggers and functions of the public schema: equal before and after means nothing changed. */
    static String schema(Database db) {
        return queryString(db, "SELECT concat_ws(E'\\n', (SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || coalesce((SELECT"
                + " string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum) FROM pg_attribute a"
                + " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), ''), E'\\n' ORDER BY c.relname) FROM pg_class c"
                + " WHERE c.relnamespace = 'public'::regnamespace), (SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger"
                + " WHERE NOT tgisinternal), (SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc"
                + " WHERE pronamespace = 'public'::regnamespace))");
    }

    /** Every value of the first column, as longs. */
    static long[] queryLongs(Database db, String sql) {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false); // lets the driver stream with a fetch size instead of holding every row twice
            s.setFetchSize(50_000);
            long[] out = new long[1024];
            int n = 0;
            try (var rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
            c.commit();
            return java.util.Arrays.copyOf(out, n);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
