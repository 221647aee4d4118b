package io.idmint.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a per-ID summary of a JMH JSON result file ({@code -rf json}) and whether idmint's goals are met.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.idmint.benchmarks.BenchReport target/bench/jmh.json}, or with the
 * directory {@code bin/bench --rounds} writes (one JMH file per round and case): then {@link RoundsReport} prints
 * the median, spread and CPU time per ID over the rounds, and the segment goal.
 *
 * <p>Columns: IDs/s (per-ID throughput: {@link BatchBenchmark} scores are batches per second and are
 * multiplied by {@value Fixtures#BATCH}), ns/ID ({@code 1e9 / IDs/s}), the ratio to tsid-creator's
 * single-ID throughput, and a note: the share of the 4,096,000 IDs/s cap for {@code BitLayout.DEFAULT}
 * and the ns per ID of {@code nextIds(4096)}.
 *
 * <p>Goals:
 * <ul>
 *   <li>default-layout {@code nextId()} &gt;= 99.5% of 4,096,000 IDs/s (12-bit sequence, 1 ms tick);</li>
 *   <li>wide-layout {@code nextId()} &gt;= 2x tsid-creator;</li>
 *   <li>{@code nextIds(4096)} &lt;= 2 ns per ID.</li>
 * </ul>
 * Always exits 0 once the file has been read; the goal lines say MET or MISSED.
 */
public final class BenchReport {

    /** 4096 sequence values per 1 ms tick. */
    static final double DEFAULT_CAP = 4_096_000d;
    static final double DEFAULT_GOAL_SHARE = 0.995;
    static final double WIDE_GOAL_RATIO = 2.0;
    static final double BATCH_GOAL_NS = 2.0;

    private static final String SINGLE = SingleIdBenchmark.class.getSimpleName() + ".";
    private static final String BATCH = BatchBenchmark.class.getSimpleName() + ".";
    static final String DEFAULT_KEY = SINGLE + "idmintDefault";
    static final String WIDE_KEY = SINGLE + "idmintWide";
    static final String TSID_KEY = SINGLE + "tsidCreator";
    static final String NEXT_IDS_KEY = BATCH + "idmintWideNextIds";

    private BenchReport() {
    }

    /**
     * One benchmark result reduced to IDs per second; {@code cpuNsPerId} is the process CPU time per ID and
     * {@code cores} the cores the fork kept busy, both from {@link CpuProfiler}, NaN when the run did not use it.
     */
    record Row(String name, String mode, int threads, double idsPerSec, double errorPct, double cpuNsPerId, double cores) {
        double nsPerId() {
            return 1e9 / idsPerSec;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchReport <jmh-result.json | rounds-directory>");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        if (Files.isDirectory(path)) {
            RoundsReport.print(path, System.out);
            return;
        }
        List<String> skipped = new ArrayList<>();
        List<Row> rows = read(path, skipped);
        print(rows, skipped, System.out);
    }

    /** The rows of one JMH JSON result file; results in other modes or units are named in {@code skipped}. */
    static List<Row> read(Path file, List<String> skipped) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        for (Object o : asList(new Json(json).parse())) {
            Map<?, ?> result = asMap(o);
            String full = String.valueOf(result.get("benchmark"));
            String name = shortName(full);
            String mode = String.valueOf(result.get("mode"));
            int threads = (int) number(result.get("threads"), 1);
            Map<?, ?> metric = asMap(result.get("primaryMetric"));
            double score = number(metric.get("score"), Double.NaN);
            double error = number(metric.get("scoreError"), Double.NaN);
            String unit = String.valueOf(metric.get("scoreUnit"));
            Map<?, ?> params = result.get("params") instanceof Map<?, ?> p ? p : Map.of();
            if (!params.isEmpty()) {
                name = name + params;
            }
            double opsPerSec = toOpsPerSecond(mode, score, unit, threads);
            if (Double.isNaN(opsPerSec)) {
                skipped.add(name + " (" + mode + ", " + unit + ")");
                continue;
            }
            int idsPerOp = name.startsWith(BATCH) ? Fixtures.BATCH : 1;
            double errorPct = score == 0 || Double.isNaN(error) ? Double.NaN : 100 * error / score;
            double cpuPerId = secondaryScore(result, CpuProfiler.CPU_NORM) / idsPerOp;
            rows.add(new Row(name, mode, threads, opsPerSec * idsPerOp, errorPct, cpuPerId,
                    secondaryScore(result, CpuProfiler.CPU_CORES)));
        }
        return rows;
    }

    /** A secondary metric's score (a profiler's), NaN when absent. */
    private static double secondaryScore(Map<?, ?> result, String label) {
        if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary
                && secondary.get(label) instanceof Map<?, ?> metric) {
            return number(metric.get("score"), Double.NaN);
        }
        return Double.NaN;
    }

    /** Table order: single-ID results first (idmint, then peers), then batches; anything else after. */
    static final List<String> ORDER = List.of(
            DEFAULT_KEY, WIDE_KEY, TSID_KEY,
            SINGLE + "hutoolSnowflake", SINGLE + "agronaSnowflake", SINGLE + "jugUuidV7", SINGLE + "jdkRandomUuid",
            NEXT_IDS_KEY, BATCH + "idmintWideNextIdLoop", BATCH + "hutoolLoop", BATCH + "agronaLoop");

    private static int rank(Row r) {
        int i = ORDER.indexOf(r.name());
        return i < 0 ? ORDER.size() : i;
    }

    static void print(List<Row> unordered, List<String> skipped, PrintStream out) {
        List<Row> rows = new ArrayList<>(unordered);
        rows.sort(Comparator.comparingInt(BenchReport::rank));
        Map<String, Row> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        Row tsid = byName.get(TSID_KEY);

        boolean cpu = rows.stream().anyMatch(r -> !Double.isNaN(r.cpuNsPerId()));
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"Benchmark", "IDs/s", "±err", "ns/ID", "CPU ns/ID", "vs tsid", "note"});
        for (Row r : rows) {
            String vsTsid = tsid == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.idsPerSec() / tsid.idsPerSec());
            String note = note(r);
            table.add(new String[] {
                r.name(),
                String.format(Locale.ROOT, "%,.0f", r.idsPerSec()),
                Double.isNaN(r.errorPct()) ? "-" : String.format(Locale.ROOT, "%.1f%%", r.errorPct()),
                String.format(Locale.ROOT, "%.3f", r.nsPerId()),
                Double.isNaN(r.cpuNsPerId()) ? "-" : String.format(Locale.ROOT, "%.3f", r.cpuNsPerId()),
                vsTsid,
                note});
        }
        printTable(cpu ? table : withoutColumn(table, 4), out);
        for (String s : skipped) {
            out.println("skipped (not throughput/average-time): " + s);
        }

        out.println();
        snowflakeGoals(byName, out);
        if (rows.stream().anyMatch(r -> r.name().startsWith(RoundsReport.IDMINT_SEGMENT))) {
            out.println("goal NOT JUDGED: segment, idmint >= CosId SegmentChainId: one run on a shared machine proves"
                    + " nothing; bin/bench --rounds 5 --plan segment compares them in alternating rounds");
        }
    }

    private static String note(Row r) {
        String note = "";
        if (r.name().equals(DEFAULT_KEY)) {
            note = String.format(Locale.ROOT, "%.2f%% of 4,096,000/s cap", 100 * r.idsPerSec() / DEFAULT_CAP);
        } else if (r.name().equals(NEXT_IDS_KEY)) {
            note = String.format(Locale.ROOT, "nextIds(4096): %.3f ns/ID", r.nsPerId());
        } else if (r.name().equals(NEXT_IDS_KEY + "Into")) {
            note = String.format(Locale.ROOT, "nextIds(long[], 0, 4096): %.3f ns/ID", r.nsPerId());
        } else if (r.name().startsWith(BATCH)) {
            note = "4096 per op";
        }
        if (r.threads() != 1) {
            note = (note.isEmpty() ? "" : note + "; ") + r.threads() + " threads, total";
        }
        return note;
    }

    /** The Snowflake generator's goals, from one row per benchmark name (one run, or medians over rounds). */
    static void snowflakeGoals(Map<String, Row> byName, PrintStream out) {
        Row def = byName.get(DEFAULT_KEY);
        Row wide = byName.get(WIDE_KEY);
        Row tsid = byName.get(TSID_KEY);
        Row batch = byName.get(NEXT_IDS_KEY);
        goal(out, "default nextId >= 99.5% of 4,096,000/s cap", def == null ? null
                : new double[] {100 * def.idsPerSec() / DEFAULT_CAP, 100 * DEFAULT_GOAL_SHARE},
                "%.2f%%", true);
        goal(out, "wide nextId >= 2x tsid-creator", wide == null || tsid == null ? null
                : new double[] {wide.idsPerSec() / tsid.idsPerSec(), WIDE_GOAL_RATIO},
                "%.2fx", true);
        goal(out, "nextIds(4096) <= 2 ns/ID", batch == null ? null
                : new double[] {batch.nsPerId(), BATCH_GOAL_NS},
                "%.3f ns/ID", false);
    }

    /** The table without one column (the CPU column when no row has a CPU figure). */
    private static List<String[]> withoutColumn(List<String[]> table, int column) {
        List<String[]> narrower = new ArrayList<>();
        for (String[] row : table) {
            String[] r = new String[row.length - 1];
            System.arraycopy(row, 0, r, 0, column);
            System.arraycopy(row, column + 1, r, column, row.length - column - 1);
            narrower.add(r);
        }
        return narrower;
    }

    static void goal(PrintStream out, String what, double[] actualAndTarget, String fmt, boolean atLeast) {
        if (actualAndTarget == null) {
            out.println("goal NOT MEASURED: " + what + " (benchmark not in this run)");
            return;
        }
        double actual = actualAndTarget[0];
        double target = actualAndTarget[1];
        boolean met = atLeast ? actual >= target : actual <= target;
        out.println(String.format(Locale.ROOT, "goal %-7s ", (met ? "MET" : "MISSED") + ":") + what + " (measured "
                + String.format(Locale.ROOT, fmt, actual) + ")");
    }

    /** Left-aligned first and last columns, the others right-aligned, a rule under the header. */
    public static void printTable(List<String[]> table, PrintStream out) {
        int cols = table.get(0).length;
        int[] width = new int[cols];
        for (String[] row : table) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int r = 0; r < table.size(); r++) {
            String[] row = table.get(r);
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                boolean left = c == 0 || c == cols - 1;
                String pad = " ".repeat(width[c] - row[c].length());
                sb.append(left ? row[c] + pad : pad + row[c]);
            }
            out.println(sb.toString().stripTrailing());
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                out.println("-".repeat(total + 2 * (cols - 1)));
            }
        }
    }

    /** "io.idmint.benchmarks.SingleIdBenchmark.idmintDefault" -> "SingleIdBenchmark.idmintDefault". */
    static String shortName(String full) {
        int method = full.lastIndexOf('.');
        int cls = method <= 0 ? -1 : full.lastIndexOf('.', method - 1);
        return full.substring(cls + 1);
    }

    /** Converts a JMH score to operations per second; NaN if the mode or unit is not understood. */
    static double toOpsPerSecond(String mode, double score, String unit, int threads) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            return Double.NaN;
        }
        if (mode.equals("thrpt") && parts[0].equals("ops")) {
            double perUnit = seconds(parts[1]);
            return Double.isNaN(perUnit) ? Double.NaN : score / perUnit;
        }
        if (mode.equals("avgt") && parts[1].equals("op")) {
            double secondsPerOp = score * seconds(parts[0]);
            return threads / secondsPerOp;
        }
        return Double.NaN;
    }

    private static double seconds(String unit) {
        switch (unit) {
            case "s": return 1;
            case "ms": return 1e-3;
            case "us": return 1e-6;
            case "ns": return 1e-9;
            case "min": return 60;
            default: return Double.NaN;
        }
    }

    static double number(Object o, double dflt) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
        return dflt;
    }

    private static List<?> asList(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("expected a JSON array, got " + o);
    }

    private static Map<?, ?> asMap(Object o) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("expected a JSON object, got " + o);
    }

    /** Just enough JSON for JMH's result files: objects, arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default: return num();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                String key = string();
                ws();
                expect(':');
                m.put(key, value());
                ws();
                char c = s.charAt(i++);
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (peek() == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                ws();
                char c = s.charAt(i++);
                if (c == ']') {
                    return l;
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u':
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: sb.append(e);
                }
            }
        }

        private Object num() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return v;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String msg) {
            return new IllegalArgumentException("JSON: " + msg + " at offset " + i);
        }
    }
}
