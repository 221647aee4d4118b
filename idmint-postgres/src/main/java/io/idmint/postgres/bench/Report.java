package io.idmint.postgres.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The table with ratios, the CSV of insert rates over the run, and the summary file. */
final class Report {
    /** Windows the insert-rate curve is cut into. */
    static final int WINDOWS = 100;

    private Report() {}

    static String table(List<SchemeResult> results) {
        SchemeResult idmint = find(results, Scheme.IDMINT);
        SchemeResult v4 = find(results, Scheme.UUIDV4);
        SchemeResult v7 = find(results, Scheme.UUIDV7);
        StringBuilder sb = new StringBuilder();
        sb.append("| scheme | insert s | rows/s | PK index MB | lookup µs | time-range ms (rows, via) |\n|---|---:|---:|---:|---:|---|\n");
        for (SchemeResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %,.0f | %.1f | %.1f | %.1f (%,d, %s) |%n", r.scheme().label,
                    r.insertSeconds(), r.rowsPerSecond(), r.indexMb(), r.lookupMicros(), r.rangeMillis(), r.rangeRows(), r.rangeVia()));
        }
        sb.append('\n').append("| idmint vs | insert time | PK index size | lookup | time range |\n|---|---:|---:|---:|---:|\n");
        for (SchemeResult other : List.of(v4, v7)) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f× | %.2f× | %.2f× | %.2f× |%n", other.scheme().label,
                    idmint.insertSeconds() / other.insertSeconds(), idmint.indexMb() / other.indexMb(),
                    idmint.lookupMicros() / other.lookupMicros(), idmint.rangeMillis() / other.rangeMillis()));
        }
        return sb.toString();
    }

    private static SchemeResult find(List<SchemeResult> results, Scheme s) {
        return results.stream().filter(r -> r.scheme() == s).findFirst().orElseThrow();
    }

    /** Rows per second in each of {@link #WINDOWS} windows of the run, at the window's last row: {rows, rowsPerSecond} pairs. */
    static double[][] rates(SchemeResult r) {
        int n = r.rowsDone().length;
        int per = Math.max(1, n / WINDOWS);
        int points = n / per;
        double[][] xy = new double[2][points];
        for (int w = 0; w < points; w++) {
            int end = (w + 1) * per - 1;
            int start = w * per - 1;
            long rows = r.rowsDone()[end] - (start < 0 ? 0 : r.rowsDone()[start]);
            long nanos = r.nanosDone()[end] - (start < 0 ? 0 : r.nanosDone()[start]);
            xy[0][w] = r.rowsDone()[end];
            xy[1][w] = rows / (nanos / 1e9);
        }
        return xy;
    }

    static void write(Path out, List<SchemeResult> results, long rows, int batch, String settings, String table) throws IOException {
        StringBuilder csv = new StringBuilder("scheme,rows_inserted,rows_per_s\n");
        for (SchemeResult r : results) {
            double[][] xy = rates(r);
            for (int i = 0; i < xy[0].length; i++) {
                csv.append(String.format(Locale.ROOT, "%s,%.0f,%.0f%n", r.scheme().label, xy[0][i], xy[1][i]));
            }
        }
        PgBench.writeText(out.resolve("pg-bench.csv"), csv.toString());
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "bin/pg-bench %d (batches of %,d rows, one COPY each), %s UTC, %d cores, load %s%n%s%n%n",
                rows, batch, java.time.Instant.now(), Runtime.getRuntime().availableProcessors(), loadAverage(), settings));
        results.forEach(r -> summary.append(r.line()).append('\n'));
        summary.append('\n').append(table);
        PgBench.writeText(out.resolve("summary.txt"), summary.toString());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
