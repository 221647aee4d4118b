package io.idmint.postgres.bench;

import io.idmint.testkit.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The B-tree claim, measured: ROWS rows into a table keyed by each scheme in turn (idmint's 64-bit IDs from the Java
 * generator in generation order, bigserial, idmint's UUIDv7, PostgreSQL's {@code gen_random_uuid()} UUIDv4), on a
 * throwaway PostgreSQL on 127.0.0.1 from the test kit. Prints one line per scheme, then a table with ratios, and writes
 * {@code insert-rate.png}, {@code pg-bench.csv} and {@code summary.txt} to the output directory.
 *
 * <p>Usage: {@code PgBench [ROWS] [--batch N] [--out DIR]} (defaults 5,000,000, 10,000, docs/pg-bench).
 */
public final class PgBench {
    private PgBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        long rows = 5_000_000;
        int batch = 10_000;
        Path out = Path.of("docs/pg-bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> rows = Long.parseLong(args[i].replace("_", "").replace(",", ""));
            }
        }
        if (rows < 10_000 || batch < 1 || batch > 1_000_000) {
            System.err.println("pg-bench: ROWS must be at least 10000 and --batch 1..1000000: rows=" + rows + " batch=" + batch);
            System.exit(2);
        }
        Files.createDirectories(out);
        List<SchemeResult> results = new ArrayList<>();
        String settings;
        try (Postgres pg = Postgres.launch(); Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
            settings = configure(c);
            System.out.println("pg-bench: " + String.format(Locale.ROOT, "%,d", rows) + " rows per scheme, batches of "
                    + String.format(Locale.ROOT, "%,d", batch) + " (one COPY each); " + settings);
            long warmRows = Math.max(batch, Math.min(rows / 10, 200_000));
            for (Scheme s : Scheme.values()) {
                new SchemeRun(c, s, warmRows, batch).warmUp();
            }
            for (Scheme s : Scheme.values()) {
                SchemeResult r = new SchemeRun(c, s, rows, batch).run();
                results.add(r);
                System.out.println(r.line());
            }
        }
        String table = Report.table(results);
        System.out.println();
        System.out.print(table);
        Report.write(out, results, rows, batch, settings, table);
        PgBenchChart.write(out.resolve("insert-rate.png"), results, rows, LocalDate.now(ZoneOffset.UTC));
        System.out.println("pg-bench: wrote " + out.resolve("insert-rate.png") + ", pg-bench.csv and summary.txt");
    }

    /**
     * The server's settings that bear on the figures, as it reports them. The test kit starts it with fsync=off and
     * full_page_writes=off (command-line settings, which ALTER SYSTEM cannot override): no disk flush dominates, and
     * random inserts do not pay for full-page images in the WAL after each checkpoint, so UUIDv4's cost here is, if
     * anything, understated.
     */
    private static String configure(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT string_agg(name || '=' || setting"
                + " || coalesce(unit, ''), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('server_version', 'shared_buffers',"
                + " 'max_wal_size', 'fsync', 'full_page_writes', 'synchronous_commit', 'checkpoint_timeout')")) {
            rs.next();
            return "PostgreSQL settings: " + rs.getString(1);
        }
    }

    static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
