package io.idmint.benchmarks.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The headline of {@code bin/http-bench}: the ID server's CPU per single-ID request against the bare Vert.x
 * hello server's, at the same offered load, over alternating rounds. Reads the file the script writes, one
 * line per measurement: {@code round=R first=NAME server=hello|idmint offered=RATE} followed by the fields
 * of {@link OpenLoopLoad}'s {@code RESULT} line. Prints a table per round, then medians with min–max over
 * the rounds, and the closing line {@code http-bench: cpu_per_request idmint/hello median X (min–max), N rounds}.
 * The ratio is taken within each round (the two servers measured seconds apart) and the median is over
 * those ratios.
 *
 * <p>Usage: {@code HttpRoundsReport FILE [--goal RATIO] [--other-limit CORES]}. Exits 1 when no round has
 * both servers measured; a missed goal is reported, not an error.
 */
public final class HttpRoundsReport {
    static final String HELLO = "hello";
    static final String IDS = "idmint";

    private HttpRoundsReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            usage();
        }
        Path file = Path.of(args[0]);
        double goal = 1.10;
        double otherLimit = 0.2;
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                usage();
            }
            switch (args[i]) {
                case "--goal" -> goal = Double.parseDouble(args[++i]);
                case "--other-limit" -> otherLimit = Double.parseDouble(args[++i]);
                default -> usage();
            }
        }
        System.exit(print(Files.readAllLines(file, StandardCharsets.UTF_8), goal, otherLimit));
    }

    private static void usage() {
        System.err.println("usage: HttpRoundsReport FILE [--goal RATIO] [--other-limit CORES]");
        System.exit(2);
    }

    /** One measurement: a server in a round. */
    record Run(int round, String first, String server, double offered, Map<String, String> f) {
        double num(String key) {
            String v = f.get(key);
            if (v == null || v.equals("na")) {
                return Double.NaN;
            }
            return Double.parseDouble(v);
        }

        double cpu() {
            return num("server_us_per_req");
        }

        /** Why this measurement is doubtful, or "" if it is not. */
        String doubt(double otherLimit) {
            List<String> d = new ArrayList<>();
            if (num("errors") > 0 || num("undone") > 0 || num("non2xx") > 0) {
                d.add(String.format(Locale.ROOT, "%s: %.0f errors, %.0f non-2xx, %.0f undone", server, num("errors"),
                        num("non2xx"), num("undone")));
            }
            if (num("rate") < 0.98 * offered) {
                d.add(String.format(Locale.ROOT, "%s kept up with only %.1f%% of the offered rate", server,
                        100 * num("rate") / offered));
            }
            if (num("other_cores") > otherLimit) {
                d.add(String.format(Locale.ROOT, "%s: other processes took %.2f cores", server, num("other_cores")));
            }
            if (Double.isNaN(cpu())) {
                d.add(server + ": server CPU unknown");
            }
            return String.join("; ", d);
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                m.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return m;
    }

    static int print(List<String> lines, double goal, double otherLimit) {
        Map<Integer, Map<String, Run>> rounds = new TreeMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> f = fields(line);
            Run r = new Run(Integer.parseInt(f.get("round")), f.getOrDefault("first", "?"), f.get("server"),
                    Double.parseDouble(f.get("offered")), f);
            rounds.computeIfAbsent(r.round, k -> new HashMap<>()).put(r.server, r);
        }
        List<Run> hellos = new ArrayList<>();
        List<Run> ids = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        double offered = Double.NaN;
        System.out.println("round first  |  hello: CPU us/req    req/s  p99 ms |  idmint: CPU us/req    req/s  p99 ms"
                + " | idmint/hello | generator us/req h/i | other cores h/i");
        for (Map.Entry<Integer, Map<String, Run>> e : rounds.entrySet()) {
            Run h = e.getValue().get(HELLO);
            Run i = e.getValue().get(IDS);
            if (h == null || i == null) {
                System.out.printf(Locale.ROOT, "%5d incomplete: only %s measured%n", e.getKey(), e.getValue().keySet());
                continue;
            }
            offered = h.offered;
            double ratio = i.cpu() / h.cpu();
            hellos.add(h);
            ids.add(i);
            if (!Double.isNaN(ratio)) {
                ratios.add(ratio);
            }
            String doubt = String.join("; ", List.of(h.doubt(otherLimit), i.doubt(otherLimit)).stream()
                    .filter(s -> !s.isEmpty()).toList());
            if (!doubt.isEmpty()) {
                doubts.add("round " + e.getKey() + ": " + doubt);
            }
            System.out.printf(Locale.ROOT, "%5d %-6s | %17.2f %8.0f %7.2f | %18.2f %8.0f %7.2f | %12.3f | %9.2f / %-8.2f |"
                            + " %5.2f / %-5.2f%s%n", e.getKey(), h.first, h.cpu(), h.num("rate"), h.num("p99"), i.cpu(),
                    i.num("rate"), i.num("p99"), ratio, h.num("gen_us_per_req"), i.num("gen_us_per_req"),
                    h.num("other_cores"), i.num("other_cores"), doubt.isEmpty() ? "" : "  [!]");
        }
        if (ratios.isEmpty()) {
            System.out.println("http-bench: no round with both servers measured");
            return 1;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "median (min–max) over %d round%s, open loop at %,.0f req/s offered to each server:%n",
                ratios.size(), ratios.size() == 1 ? "" : "s", offered);
        summary("hello ", hellos);
        summary("idmint", ids);
        System.out.printf(Locale.ROOT, "  load generator CPU per request: %s us against hello, %s us against idmint%n",
                spread(hellos, r -> r.num("gen_us_per_req"), "%.2f"), spread(ids, r -> r.num("gen_us_per_req"), "%.2f"));
        for (String d : doubts) {
            System.out.println("  [!] " + d);
        }
        double[] rs = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(rs);
        String verdict = median <= goal ? "MET" : "MISSED";
        System.out.printf(Locale.ROOT, "http-bench: cpu_per_request idmint/hello median %.3f (%.3f–%.3f), %d round%s;"
                        + " goal <= %.2f: %s%s%n", median, min(rs), max(rs), rs.length, rs.length == 1 ? "" : "s", goal, verdict,
                doubts.isEmpty() ? "" : " (" + doubts.size() + " round(s) flagged [!])");
        return 0;
    }

    private static void summary(String name, List<Run> runs) {
        System.out.printf(Locale.ROOT, "  %s  CPU per request %s us (= %s requests per server core-second),"
                        + " throughput %s req/s, p99 %s ms, server cores %s%n", name,
                spread(runs, Run::cpu, "%.2f"), spread(runs, r -> 1e6 / r.cpu(), "%,.0f"),
                spread(runs, r -> r.num("rate"), "%,.0f"), spread(runs, r -> r.num("p99"), "%.2f"),
                spread(runs, r -> r.num("server_cores"), "%.2f"));
    }

    /** "median (min–max)" of a figure over runs, ignoring unknowns. */
    static String spread(List<Run> runs, ToDoubleFunction<Run> figure, String format) {
        double[] v = runs.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(v), min(v), max(v));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
