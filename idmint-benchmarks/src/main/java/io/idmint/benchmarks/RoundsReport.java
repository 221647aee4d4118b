package io.idmint.benchmarks;

import io.idmint.benchmarks.BenchReport.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report over the rounds {@link Rounds} ran: per benchmark and thread count, the median over rounds of its
 * IDs/s, their spread (min–max, and (max − min) / median), the median CPU time per ID, and its ratio to a
 * reference measured in the same rounds. A ratio is computed round by round (idmint's score over its peer's
 * score in the same round, seconds apart) and the median of those ratios is shown: on a shared machine a round
 * that was slow for both cancels out, which medians of each side taken apart would not.
 *
 * <p>Goal (issue 13): idmint's segment generator ({@code issue(long[1], 0, BatchSize.ONE)}) at least as fast
 * as CosId's {@code SegmentChainId}: MET when the median of the per-round ratios is &gt;= 1, at every thread count
 * measured. The Snowflake goals of {@link BenchReport} are judged on medians when their benchmarks ran.
 */
final class RoundsReport {
    private static final String SEGMENT = SegmentBenchmark.class.getSimpleName() + ".";
    private static final String SCHEME = SchemeBenchmark.class.getSimpleName() + ".";
    private static final String SINGLE = SingleIdBenchmark.class.getSimpleName() + ".";
    static final String IDMINT_SEGMENT = SEGMENT + "idmintSegment";
    static final String IDMINT_SEGMENT_TRY = SEGMENT + "idmintSegmentTry";
    static final String COSID_CHAIN = SEGMENT + "cosidSegmentChain";
    static final String JUG = SINGLE + "jugUuidV7";
    static final double HLC_CAP = 4_096_000d;
    /** {@code r03-...json}: round 3. */
    private static final Pattern ROUND_FILE = Pattern.compile("r(\\d+)-.*\\.json");

    /** What each benchmark is compared with, in the same round and at the same thread count. */
    static final Map<String, String> REFERENCE = Map.of(
            IDMINT_SEGMENT, COSID_CHAIN,
            IDMINT_SEGMENT_TRY, COSID_CHAIN,
            SEGMENT + "cosidSegmentId", COSID_CHAIN,
            SEGMENT + "leafSegment", COSID_CHAIN,
            SCHEME + "hlcWide", BenchReport.WIDE_KEY,
            SCHEME + "hlcPreset", BenchReport.WIDE_KEY,
            SCHEME + "idmintUuidV7", JUG,
            SCHEME + "idmintUuidV7Into", JUG,
            SCHEME + "idmintWide128", JUG);

    /** Table order: the segment set, then the other schemes with their references, then the rest. */
    private static final List<String> ORDER = List.of(
            IDMINT_SEGMENT, IDMINT_SEGMENT_TRY, COSID_CHAIN, SEGMENT + "cosidSegmentId", SEGMENT + "leafSegment",
            BenchReport.WIDE_KEY, SCHEME + "hlcWide", SCHEME + "hlcPreset",
            JUG, SCHEME + "idmintUuidV7", SCHEME + "idmintUuidV7Into", SCHEME + "idmintWide128");

    private RoundsReport() {
    }

    /** One benchmark (name with its parameters) at one thread count. */
    record Key(String name, int threads) {
        String base() {
            int brace = name.indexOf('{');
            return brace < 0 ? name : name.substring(0, brace);
        }

        String params() {
            return name.substring(base().length());
        }

        /** Its reference's key, or null when it has none. */
        Key reference() {
            String ref = REFERENCE.get(base());
            return ref == null ? null : new Key(ref + (ref.startsWith(SEGMENT) ? params() : ""), threads);
        }
    }

    static void print(Path dir, PrintStream out) throws IOException {
        List<String> skipped = new ArrayList<>();
        Map<Key, SortedMap<Integer, Row>> series = load(dir, skipped);
        if (series.isEmpty()) {
            out.println("no round results in " + dir);
            return;
        }
        int rounds = series.values().stream().mapToInt(Map::size).max().orElse(0);
        out.println("Rounds: " + rounds + ", from " + dir + ". IDs/s and CPU ns/ID: median over rounds; spread: (max - min)"
                + " / median; CPU ns/ID: the fork's process CPU time (all its threads) per ID; cores: CPU time over wall"
                + " time, median (below the thread count: the fork did not get its cores, e.g. a busy neighbour); vs ref:"
                + " median of the per-round ratios of IDs/s to the reference's in the same round (min-max).");
        out.println();
        BenchReport.printTable(table(series), out);
        skipped.forEach(s -> out.println("skipped (not throughput/average-time): " + s));
        out.println();
        segmentGoals(series, out);
        stripedGoal(series, out);
        snowflakeGoals(series, out);
    }

    /** Every round file of {@code dir}, by benchmark and thread count, then by round. */
    static Map<Key, SortedMap<Integer, Row>> load(Path dir, List<String> skipped) throws IOException {
        Map<Key, SortedMap<Integer, Row>> series = new TreeMap<>(Comparator.comparingInt(RoundsReport::rank)
                .thenComparing(Key::name).thenComparingInt(Key::threads));
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> ROUND_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path file : files) {
            Matcher m = ROUND_FILE.matcher(file.getFileName().toString());
            if (!m.matches() || Files.size(file) == 0) {
                continue;
            }
            int round = Integer.parseInt(m.group(1));
            for (Row row : BenchReport.read(file, skipped)) {
                series.computeIfAbsent(new Key(row.name(), row.threads()), k -> new TreeMap<>()).put(round, row);
            }
        }
        return series;
    }

    private static int rank(Key k) {
        int i = ORDER.indexOf(k.base());
        if (i >= 0) {
            return i;
        }
        int j = BenchReport.ORDER.indexOf(k.base());
        return ORDER.size() + (j >= 0 ? j : BenchReport.ORDER.size());
    }

    private static List<String[]> table(Map<Key, SortedMap<Integer, Row>> series) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"Benchmark", "thr", "rounds", "IDs/s median", "min-max", "spread", "ns/ID", "CPU ns/ID",
            "CPU min-max", "cores", "vs ref", "ref min-max", "note"});
        for (Map.Entry<Key, SortedMap<Integer, Row>> e : series.entrySet()) {
            table.add(line(e.getKey(), e.getValue(), series));
        }
        return table;
    }

    private static String[] line(Key key, SortedMap<Integer, Row> byRound, Map<Key, SortedMap<Integer, Row>> series) {
        double[] ids = byRound.values().stream().mapToDouble(Row::idsPerSec).toArray();
        double[] cpu = byRound.values().stream().mapToDouble(Row::cpuNsPerId).filter(v -> !Double.isNaN(v)).toArray();
        double[] cores = byRound.values().stream().mapToDouble(Row::cores).filter(v -> !Double.isNaN(v)).toArray();
        double med = Stats.median(ids);
        Key ref = key.reference();
        double[] ratios = ref == null ? new double[0] : ratios(byRound, series.get(ref));
        String note = note(key, med, ref);
        return new String[] {
            key.name(), Integer.toString(key.threads()), Integer.toString(ids.length),
            fmt("%,.0f", med), Stats.compact(Stats.min(ids)) + "-" + Stats.compact(Stats.max(ids)),
            fmt("%.1f%%", 100 * (Stats.max(ids) - Stats.min(ids)) / med),
            fmt("%.2f", 1e9 / med),
            cpu.length == 0 ? "-" : fmt("%.2f", Stats.median(cpu)),
            cpu.length == 0 ? "-" : fmt("%.2f-%.2f", Stats.min(cpu), Stats.max(cpu)),
            cores.length == 0 ? "-" : fmt("%.2f", Stats.median(cores)),
            ratios.length == 0 ? "-" : fmt("%.2fx", Stats.median(ratios)),
            ratios.length == 0 ? "-" : fmt("%.2f-%.2fx", Stats.min(ratios), Stats.max(ratios)),
            note};
    }

    private static String note(Key key, double medianIdsPerSec, Key ref) {
        List<String> parts = new ArrayList<>();
        if (ref != null) {
            parts.add("ref " + ref.base().substring(ref.base().indexOf('.') + 1));
        }
        if (key.base().equals(SCHEME + "hlcPreset")) {
            parts.add(fmt("%.2f%% of the 4,096,000/s cap", 100 * medianIdsPerSec / HLC_CAP));
        }
        if (key.base().equals(BenchReport.DEFAULT_KEY)) {
            parts.add(fmt("%.2f%% of the 4,096,000/s cap", 100 * medianIdsPerSec / BenchReport.DEFAULT_CAP));
        }
        if (key.threads() != 1) {
            parts.add(key.threads() + " threads, total");
        }
        return String.join("; ", parts);
    }

    /** The score over the reference's, round by round, for the rounds that measured both. */
    static double[] ratios(SortedMap<Integer, Row> byRound, SortedMap<Integer, Row> reference) {
        if (reference == null) {
            return new double[0];
        }
        return byRound.entrySet().stream().filter(e -> reference.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue().idsPerSec() / reference.get(e.getKey()).idsPerSec()).toArray();
    }

    /** Issue 13's goal, at each thread count where both idmint's segment generator and CosId's chain ran. */
    private static void segmentGoals(Map<Key, SortedMap<Integer, Row>> series, PrintStream out) {
        boolean any = false;
        for (Map.Entry<Key, SortedMap<Integer, Row>> e : series.entrySet()) {
            Key k = e.getKey();
            if (!k.base().equals(IDMINT_SEGMENT) && !k.base().equals(IDMINT_SEGMENT_TRY)) {
                continue;
            }
            SortedMap<Integer, Row> ref = series.get(k.reference());
            String path = k.base().equals(IDMINT_SEGMENT) ? "issue(long[1], 0, ONE)" : "tryIssue, else issue";
            String what = "segment " + k.params() + ", " + k.threads() + " thread(s): idmint " + path
                    + " >= CosId SegmentChainId, same rounds";
            any = true;
            if (ref == null) {
                BenchReport.goal(out, what, null, "", true);
                continue;
            }
            segmentGoal(out, what, e.getValue(), ref);
        }
        if (!any && series.keySet().stream().anyMatch(k -> k.base().startsWith(SEGMENT))) {
            BenchReport.goal(out, "segment: idmint >= CosId SegmentChainId", null, "", true);
        }
    }

    private static void segmentGoal(PrintStream out, String what, SortedMap<Integer, Row> idmint, SortedMap<Integer, Row> cosid) {
        double[] ratios = ratios(idmint, cosid);
        if (ratios.length == 0) {
            BenchReport.goal(out, what, null, "", true);
            return;
        }
        long ahead = Arrays.stream(ratios).filter(r -> r >= 1).count();
        double cpuIdmint = Stats.median(idmint.values().stream().mapToDouble(Row::cpuNsPerId).filter(v -> !Double.isNaN(v)).toArray());
        double cpuCosid = Stats.median(cosid.values().stream().mapToDouble(Row::cpuNsPerId).filter(v -> !Double.isNaN(v)).toArray());
        String detail = fmt("%.2fx median of per-round ratios, min-max %.2f-%.2fx, idmint ahead in %d of %d rounds;"
                + " CPU ns/ID %.2f vs %.2f", Stats.median(ratios), Stats.min(ratios), Stats.max(ratios), ahead,
                ratios.length, cpuIdmint, cpuCosid);
        boolean met = Stats.median(ratios) >= 1.0;
        out.println(fmt("goal %-7s ", (met ? "MET" : "MISSED") + ":") + what + " (measured " + detail + ")");
    }

    /** Issue 18: two striped worker IDs at 2 threads ≥ 1.8 × one worker at 1 thread, round by round. */
    private static void stripedGoal(Map<Key, SortedMap<Integer, Row>> series, PrintStream out) {
        SortedMap<Integer, Row> striped = series.get(new Key("StripedBenchmark.striped", 2));
        SortedMap<Integer, Row> single = series.get(new Key("StripedBenchmark.single", 1));
        if (striped == null || single == null) {
            return;
        }
        double[] ratios = ratios(striped, single);
        String what = "striped: 2 worker IDs at 2 threads >= 1.8x one worker at 1 thread, same rounds";
        if (ratios.length == 0) {
            BenchReport.goal(out, what, null, "", true);
            return;
        }
        boolean met = Stats.median(ratios) >= 1.8;
        out.println(fmt("goal %-7s ", (met ? "MET" : "MISSED") + ":") + what + fmt(" (measured %.2fx median of per-round"
                + " ratios, min-max %.2f-%.2fx, %d rounds)", Stats.median(ratios), Stats.min(ratios), Stats.max(ratios),
                ratios.length));
    }

    /** BenchReport's goals on the medians, when any of their benchmarks ran in these rounds. */
    private static void snowflakeGoals(Map<Key, SortedMap<Integer, Row>> series, PrintStream out) {
        Map<String, Row> medians = new LinkedHashMap<>();
        for (Map.Entry<Key, SortedMap<Integer, Row>> e : series.entrySet()) {
            if (e.getKey().threads() != 1) {
                continue;
            }
            double[] ids = e.getValue().values().stream().mapToDouble(Row::idsPerSec).toArray();
            Row any = e.getValue().values().iterator().next();
            medians.put(e.getKey().name(), new Row(any.name(), any.mode(), 1, Stats.median(ids), Double.NaN, Double.NaN,
                    Double.NaN));
        }
        List<String> snowflake = List.of(BenchReport.DEFAULT_KEY, BenchReport.TSID_KEY, BenchReport.NEXT_IDS_KEY);
        if (snowflake.stream().anyMatch(medians::containsKey)) {
            BenchReport.snowflakeGoals(medians, out);
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Order statistics of a few rounds. */
    static final class Stats {
        private Stats() {
        }

        static double median(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            if (n == 0) {
                return Double.NaN;
            }
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        static double min(double[] values) {
            return Arrays.stream(values).min().orElse(Double.NaN);
        }

        static double max(double[] values) {
            return Arrays.stream(values).max().orElse(Double.NaN);
        }

        /** 127.6M, 4.10M, 950k. */
        static String compact(double v) {
            if (v >= 1e9) {
                return fmt("%.2fG", v / 1e9);
            }
            if (v >= 1e6) {
                return fmt("%.1fM", v / 1e6);
            }
            return fmt("%.0fk", v / 1e3);
        }
    }
}
