package io.idmint.postgres.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.testkit.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pg-bench's measurements on a small table: every scheme's figures present and sane, the report and chart written. */
class PgBenchTest {
    private static final long ROWS = 40_000;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true"); // the chart draws without a display, as bin/pg-bench runs it
    }

    @Test
    void everySchemeIsMeasuredAndTheReportComparesIdmintWithBothUuids() throws Exception {
        List<SchemeResult> results = new ArrayList<>();
        try (Postgres pg = Postgres.launch(); Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
            for (Scheme s : Scheme.values()) {
                results.add(new SchemeRun(c, s, ROWS, 2_000).run());
            }
        }
        for (SchemeResult r : results) {
            assertThat(r.rowsDone()).as(r.scheme().label).hasSize(20).endsWith(ROWS).isSorted();
            assertThat(r.indexMb()).as(r.scheme().label).isPositive();
            assertThat(r.lookupMicros()).as(r.scheme().label).isPositive();
            // the middle tenth of the insert's time holds roughly a tenth of the rows, by key or by created_at
            assertThat(r.rangeRows()).as(r.scheme().label).isBetween(ROWS / 40, ROWS / 3);
            assertThat(r.line()).startsWith("scheme=" + r.scheme().label + " insert_s=");
        }
        SchemeResult idmint = results.get(0);
        SchemeResult v4 = results.get(3);
        assertThat(idmint.indexMb()).as("a 64-bit key's index against a random 128-bit key's").isLessThan(v4.indexMb());
        assertThat(idmint.rangeVia()).isEqualTo("id");
        assertThat(v4.rangeVia()).startsWith("created_at");
        String table = Report.table(results);
        assertThat(table).contains("| idmint vs | insert time | PK index size |").contains("| uuidv4 | ").contains("| uuidv7 | ");
        Report.write(dir, results, ROWS, 2_000, "settings", table);
        PgBenchChart.write(dir.resolve("insert-rate.png"), results, ROWS, LocalDate.of(2026, 11, 30));
        assertThat(Files.size(dir.resolve("insert-rate.png"))).isGreaterThan(10_000);
        assertThat(Files.readAllLines(dir.resolve("pg-bench.csv"))).hasSize(1 + 4 * 20).first().isEqualTo("scheme,rows_inserted,rows_per_s");
        assertThat(Files.readString(dir.resolve("summary.txt"))).contains("scheme=uuidv7 insert_s=");
    }
}
