package io.idmint.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code soak.csv}: one row per window, a header row first; written by {@link SoakLoad}, read by
 * {@link SoakChart}. Columns are found by their header name when read, so a column added later does not
 * break charting an older file.
 */
final class SoakCsv {
    static final String HEADER = "window,end_s,utc_end,requests,errors,p50_ms,p99_ms,p999_ms,max_ms,"
            + "rss_end_mib,rss_mean_mib,rss_max_mib,grpc_calls,grpc_errors,grpc_p99_ms";

    private SoakCsv() {}

    static void write(Path file, List<Window> windows) throws IOException {
        List<String> lines = new ArrayList<>(windows.size() + 1);
        lines.add(HEADER);
        for (Window w : windows) {
            Window.Latency h = w.http();
            Window.Memory m = w.rss();
            lines.add(String.format(Locale.ROOT, "%d,%d,%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%s", w.index(),
                    w.endSeconds(), w.utcEnd().truncatedTo(ChronoUnit.MILLIS), w.requests(), w.errors(),
                    Report.ms(h.p50Ms()), Report.ms(h.p99Ms()), Report.ms(h.p999Ms()), Report.ms(h.maxMs()),
                    Report.mib(m.endMib()), Report.mib(m.meanMib()), Report.mib(m.maxMib()), w.grpcCalls(),
                    w.grpcErrors(), Report.ms(w.grpcP99Ms())));
        }
        Files.write(file, lines);
    }

    static List<Window> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        List<String> names = Arrays.asList(lines.get(0).trim().split(","));
        List<Window> windows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                windows.add(row(new Row(names, lines.get(i).trim().split(","), file, i + 1)));
            }
        }
        return windows;
    }

    private static Window row(Row r) throws IOException {
        Window.Latency latency = new Window.Latency(r.decimal("p50_ms"), r.decimal("p99_ms"), r.decimal("p999_ms"),
                r.decimal("max_ms"));
        Window.Memory memory = new Window.Memory(r.decimal("rss_end_mib"), r.decimal("rss_mean_mib"),
                r.decimal("rss_max_mib"));
        return new Window((int) r.integer("window"), r.integer("end_s"), Instant.parse(r.text("utc_end")),
                r.integer("requests"), r.integer("errors"), latency, memory, r.integer("grpc_calls"),
                r.integer("grpc_errors"), r.decimal("grpc_p99_ms"));
    }

    /** One data row, its fields looked up by header name. */
    private record Row(List<String> names, String[] fields, Path file, int lineNumber) {
        String text(String column) throws IOException {
            int i = names.indexOf(column);
            if (i < 0 || i >= fields.length) {
                throw new IOException(file + ":" + lineNumber + ": no column " + column);
            }
            return fields[i];
        }

        long integer(String column) throws IOException {
            try {
                return Long.parseLong(text(column));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNumber + ": " + column + " is not an integer", e);
            }
        }

        double decimal(String column) throws IOException {
            try {
                return Double.parseDouble(text(column));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNumber + ": " + column + " is not a number", e);
            }
        }
    }
}
