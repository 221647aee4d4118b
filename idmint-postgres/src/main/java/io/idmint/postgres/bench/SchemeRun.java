package io.idmint.postgres.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One scheme on a fresh table {@code (id <key> PRIMARY KEY, created_at timestamptz DEFAULT clock_timestamp(), n bigint)}:
 * the rows in batches of one COPY each (autocommit), then the primary key's size, point lookups and a time-range query,
 * then the table dropped. {@code created_at} is each row's insert time, the same cost for every scheme.
 */
final class SchemeRun {
    private static final int LOOKUPS = 2_000;
    private static final int WARMUP_LOOKUPS = 200;

    private final Connection c;
    private final Scheme scheme;
    private final long rows;
    private final int batch;

    SchemeRun(Connection c, Scheme scheme, long rows, int batch) {
        this.c = c;
        this.scheme = scheme;
        this.rows = rows;
        this.batch = batch;
    }

    SchemeResult run() throws SQLException, IOException {
        createTable();
        execute("CHECKPOINT"); // the previous scheme's dirty pages are not this one's to write
        int batches = (int) ((rows + batch - 1) / batch);
        long[] rowsDone = new long[batches];
        long[] nanosDone = new long[batches];
        Instant first = Instant.now();
        insert(rowsDone, nanosDone);
        Instant last = Instant.now();
        execute("ANALYZE " + scheme.table());
        double indexMb = megabytes("pg_relation_size('" + scheme.table() + "_pkey')");
        double tableMb = megabytes("pg_relation_size('" + scheme.table() + "')");
        double lookup = lookupMicros();
        Duration span = Duration.between(first, last);
        Instant from = first.plus(span.multipliedBy(45).dividedBy(100));
        Instant to = first.plus(span.multipliedBy(55).dividedBy(100));
        long[] range = range(from, to);
        execute("DROP TABLE " + scheme.table(), "CHECKPOINT");
        return new SchemeResult(scheme, rows, rowsDone, nanosDone, nanosDone[batches - 1] / 1e9, indexMb, tableMb, lookup,
                range[0] / 1e6, range[1], scheme.keyRange(from, to) == null ? "created_at (no index: the key has no time)" : "id");
    }

    /**
     * Inserts into a table that is then dropped, unmeasured: the first scheme measured would otherwise also pay for
     * this JVM's compilation of the COPY path and for a cold server.
     */
    void warmUp() throws SQLException, IOException {
        createTable();
        int batches = (int) ((rows + batch - 1) / batch);
        insert(new long[batches], new long[batches]);
        execute("DROP TABLE " + scheme.table());
    }

    /** Every batch timed from key generation to the COPY's commit. */
    private void insert(long[] rowsDone, long[] nanosDone) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String sql = "COPY " + scheme.table() + (scheme.clientKeys() ? " (id, n)" : " (n)") + " FROM STDIN";
        long done = 0;
        long nanos = 0;
        try (Scheme.Keys keys = scheme.keys()) {
            String[] batchKeys = new String[batch];
            for (int b = 0; done < rows; b++) {
                int n = (int) Math.min(batch, rows - done);
                if (n != batchKeys.length) {
                    batchKeys = new String[n];
                }
                long start = System.nanoTime();
                keys.next(batchKeys);
                copy.copyIn(sql, new ByteArrayInputStream(copyText(batchKeys, done)));
                nanos += System.nanoTime() - start;
                done += n;
                rowsDone[b] = done;
                nanosDone[b] = nanos;
            }
        }
    }

    private byte[] copyText(String[] keys, long firstN) {
        StringBuilder sb = new StringBuilder(keys.length * 64);
        for (int i = 0; i < keys.length; i++) {
            if (scheme.clientKeys()) {
                sb.append(keys[i]).append('\t');
            }
            sb.append(firstN + i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Mean µs of one lookup by key (a round trip each), keys sampled uniformly from the table, after a warm-up. */
    private double lookupMicros() throws SQLException {
        double percent = Math.min(100, 100.0 * 3 * (LOOKUPS + WARMUP_LOOKUPS) / rows);
        List<String> keys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id::text FROM " + scheme.table()
                + " TABLESAMPLE BERNOULLI (" + percent + ") REPEATABLE (7)")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        Collections.shuffle(keys, new Random(7));
        long nanos = 0;
        int timed = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT n FROM " + scheme.table() + " WHERE id = CAST(? AS " + scheme.keyType() + ")")) {
            for (int i = 0; i < Math.min(keys.size(), LOOKUPS + WARMUP_LOOKUPS); i++) {
                long start = System.nanoTime();
                p.setString(1, keys.get(i));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
                if (i >= WARMUP_LOOKUPS) {
                    nanos += System.nanoTime() - start;
                    timed++;
                }
            }
        }
        return timed == 0 ? Double.NaN : nanos / 1e3 / timed;
    }

    /** The middle tenth of the insert's time: by key when it carries time, else by created_at. Best of three: {nanos, rows}. */
    private long[] range(Instant from, Instant to) throws SQLException {
        Object[] bounds = scheme.keyRange(from, to);
        String sql = bounds == null ? "SELECT count(*) FROM " + scheme.table() + " WHERE created_at >= ? AND created_at < ?"
                : "SELECT count(*) FROM " + scheme.table() + " WHERE id BETWEEN CAST(? AS " + scheme.keyType() + ") AND CAST(? AS "
                        + scheme.keyType() + ")";
        long best = Long.MAX_VALUE;
        long count = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) {
                if (bounds == null) {
                    p.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    p.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                } else {
                    p.setObject(1, bounds[0].toString());
                    p.setObject(2, bounds[1].toString());
                }
                long start = System.nanoTime();
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
                best = Math.min(best, System.nanoTime() - start);
            }
        }
        return new long[] {best, count};
    }

    private void createTable() throws SQLException {
        execute("DROP TABLE IF EXISTS " + scheme.table(), "CREATE TABLE " + scheme.table() + " (id " + scheme.type + scheme.defaultClause
                + " PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT clock_timestamp(), n bigint NOT NULL)");
    }

    private double megabytes(String expression) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getLong(1) / (1024.0 * 1024.0);
        }
    }

    private void execute(String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        }
    }
}
