package io.idmint.benchmarks.batch;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import io.idmint.testkit.ProcCpu;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Batch throughput of one running idmint server, the load side of {@code bin/batch-bench}: for each
 * scenario (gRPC StreamBatches at a batch size, or HTTP batch GETs) it warms up, then counts the IDs that
 * arrive in the measurement window, parsed and checked (see {@link Tally}), and compares the rate with
 * the goal of the server's layout:
 * <ul>
 *   <li>a layout whose one worker caps at most ~22 M IDs/s (the default: 4,096,000/s): at least 90% of
 *       that cap, as the network path must not be the bottleneck;</li>
 *   <li>a layout whose sequence field does not bind (cap above that): at least 20,000,000 IDs/s, or, where
 *       the client sharing the cores is the bound, at most 50 ms of server CPU per million IDs (at least
 *       20 M IDs per server core-second).</li>
 * </ul>
 * The cap is the server's own {@code ids_per_second_per_worker} from {@code GET /api/v1/info}. With
 * {@code --server-pid} every scenario also reports the server process's CPU time (user + system from
 * /proc/PID/stat, read at the start and the end of the measured window) per million IDs, and the client's
 * (this JVM's) likewise: CPU per ID is the figure that carries across machines and neighbours.
 *
 * <p>Usage: {@code BatchLoad --http-port P --grpc-port G [--server-pid PID] [--clk-tck HZ] [--warmup S]
 * [--duration S] [--scenarios grpc:10000,grpc:100000,http:100000] [--grpc-streams N] [--http-connections N]
 * [--window BYTES] [--results FILE] [--round N]}, then {@code BatchLoad --summary FILE} for the final table
 * over every run appended to FILE: one row per layout and scenario, median (min–max) over the rounds.
 * Exits 1 when a scenario had a transport error or failed verification; a missed goal is reported, not an
 * error.
 */
public final class BatchLoad {
    static final double CAP_SHARE_GOAL = 0.90;
    static final double FLAT_GOAL = 20_000_000;
    /** Server CPU per million IDs (milliseconds), the goal where the client's parsing bounds the rate. */
    static final double CPU_GOAL_MS_PER_MILLION = 50;
    /** Cores used by other processes while measuring above which a result is flagged as disturbed. */
    static final double OTHER_CORES_WARNING = 0.15;
    private static final Pattern LAYOUT = Pattern.compile("\"layout\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CAP = Pattern.compile("\"ids_per_second_per_worker\"\\s*:\\s*([0-9.eE+]+)");

    private BatchLoad() {}

    public static void main(String[] args) throws Exception {
        int httpPort = -1;
        int grpcPort = -1;
        long serverPid = -1;
        long clkTck = 100;
        double warmup = 5;
        double duration = 10;
        int streams = 2;
        int connections = 4;
        int window = 8 * 1024 * 1024;
        String scenarios = "grpc:10000,grpc:100000,http:100000";
        Path results = null;
        Path summary = null;
        int round = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--http-port" -> httpPort = Integer.parseInt(v);
                case "--grpc-port" -> grpcPort = Integer.parseInt(v);
                case "--server-pid" -> serverPid = Long.parseLong(v);
                case "--clk-tck" -> clkTck = Long.parseLong(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--grpc-streams" -> streams = Integer.parseInt(v);
                case "--http-connections" -> connections = Integer.parseInt(v);
                case "--window" -> window = Integer.parseInt(v);
                case "--scenarios" -> scenarios = v;
                case "--results" -> results = Path.of(v);
                case "--summary" -> summary = Path.of(v);
                case "--round" -> round = Integer.parseInt(v);
                default -> usage("unknown argument: " + a);
            }
        }
        if (summary != null) {
            System.exit(Summary.print(summary));
        }
        if (httpPort <= 0 || grpcPort <= 0 || warmup < 0 || duration <= 0 || streams < 1 || connections < 1) {
            usage("--http-port and --grpc-port are required; durations and counts must be positive");
        }
        // gRPC's Netty would log through SLF4J, which is on this jar's class path without a binding: it warns.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        Info info = info(httpPort);
        Goal goal = Goal.of(info.cap);
        ProcCpu cpu = new ProcCpu(serverPid, clkTck);
        System.out.printf(Locale.ROOT, "layout '%s': one worker issues at most %,d IDs/s; goal %s%n", info.layout,
                info.cap, goal.describe());
        boolean allOk = true;
        for (String spec : scenarios.split(",")) {
            String[] parts = spec.trim().split(":");
            if (parts.length != 2) {
                usage("scenario must be grpc:BATCH or http:COUNT: " + spec);
            }
            int size = Integer.parseInt(parts[1]);
            Load load = switch (parts[0]) {
                case "grpc" -> new GrpcStreamLoad(grpcPort, size, streams, window);
                case "http" -> new HttpBatchLoad(httpPort, size, connections);
                default -> {
                    usage("scenario must be grpc:BATCH or http:COUNT: " + spec);
                    yield null;
                }
            };
            Result r = run(info, goal, load, warmup, duration, cpu);
            System.out.println(r.report());
            if (results != null) {
                Files.writeString(results, round + "\t" + r.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            allOk &= !r.status.equals("FAILED");
        }
        System.exit(allOk ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("batch-load: " + problem);
        System.err.println("usage: BatchLoad --http-port P --grpc-port G [--server-pid PID] [--clk-tck HZ] [--warmup S]"
                + " [--duration S] [--scenarios grpc:10000,grpc:100000,http:100000] [--grpc-streams N]"
                + " [--http-connections N] [--window BYTES] [--results FILE] [--round N]");
        System.err.println("       BatchLoad --summary FILE");
        System.exit(2);
    }

    private static Result run(Info info, Goal goal, Load load, double warmup, double duration, ProcCpu cpu)
            throws Exception {
        System.out.printf(Locale.ROOT, "%n[%s] %s: warm-up %.0f s, measuring %.0f s ...%n", info.layout, load.describe(),
                warmup, duration);
        load.start();
        long measured;
        long batches;
        double seconds;
        ProcCpu.Window window;
        try {
            sleepUnlessFailed(load, warmup);
            long ids0 = sum(load, true);
            long batches0 = sum(load, false);
            ProcCpu.Sample cpu0 = cpu.sample();
            sleepUnlessFailed(load, duration);
            long ids1 = sum(load, true);
            long batches1 = sum(load, false);
            window = cpu.sample().since(cpu0);
            measured = ids1 - ids0;
            batches = batches1 - batches0;
            seconds = window.wallNanos() / 1e9;
        } finally {
            load.stop();
        }
        Tally.Verdict verdict = Tally.verify(load.tallies());
        double rate = measured / seconds;
        double serverMs = msPerMillion(window.process(), measured);
        String status = load.error() != null || !verdict.ok() ? "FAILED" : goal.met(rate, serverMs) ? "MET" : "MISSED";
        return new Result(info.layout, info.cap, goal, load.describe(), rate, measured, batches, seconds,
                window.cores(window.self()), window.cores(window.process()), window.cores(window.other()), serverMs,
                msPerMillion(window.self(), measured), status, verdict.describe(),
                load.error());
    }

    /** Milliseconds of CPU per million IDs (nanoseconds per ID), NaN when unknown. */
    static double msPerMillion(long cpuNanos, long ids) {
        return cpuNanos < 0 || ids <= 0 ? Double.NaN : (double) cpuNanos / ids;
    }

    private static void sleepUnlessFailed(Load load, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long left;
        while ((left = end - System.nanoTime()) > 0 && load.error() == null) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private static long sum(Load load, boolean ids) {
        long total = 0;
        for (Tally t : load.tallies()) {
            total += ids ? t.ids() : t.batches();
        }
        return total;
    }

    private static Info info(int httpPort) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/v1/info")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher layout = LAYOUT.matcher(r.body());
        Matcher cap = CAP.matcher(r.body());
        if (r.statusCode() != 200 || !layout.find() || !cap.find()) {
            throw new IllegalStateException("GET /api/v1/info gave HTTP " + r.statusCode() + " without layout and"
                    + " ids_per_second_per_worker: " + r.body());
        }
        return new Info(layout.group(1), (long) Double.parseDouble(cap.group(1)));
    }

    private record Info(String layout, long cap) {}

    /** The goal for a layout: 90% of one worker's cap, or 20 M IDs/s once the cap is well above that. */
    record Goal(long cap, boolean capBound) {
        static Goal of(long cap) {
            return new Goal(cap, CAP_SHARE_GOAL * cap <= FLAT_GOAL);
        }

        double target() {
            return capBound ? CAP_SHARE_GOAL * cap : FLAT_GOAL;
        }

        /** The rate as a share of the reference: the cap when cap-bound, else the flat goal. */
        double ratio(double rate) {
            return rate / (capBound ? cap : FLAT_GOAL);
        }

        boolean rateMet(double rate) {
            return rate >= target();
        }

        /** Only where the cap does not bind: at most 50 ms of server CPU per million IDs. */
        boolean cpuMet(double serverMsPerMillion) {
            return !capBound && serverMsPerMillion <= CPU_GOAL_MS_PER_MILLION;
        }

        boolean met(double rate, double serverMsPerMillion) {
            return rateMet(rate) || cpuMet(serverMsPerMillion);
        }

        /** Which part of the goal was met: "rate", "server CPU", "rate, server CPU" or "" . */
        String metBy(double rate, double serverMsPerMillion) {
            List<String> by = new ArrayList<>();
            if (rateMet(rate)) {
                by.add("rate");
            }
            if (cpuMet(serverMsPerMillion)) {
                by.add("server CPU");
            }
            return String.join(" and ", by);
        }

        String describe() {
            return capBound ? String.format(Locale.ROOT, ">= %,.0f IDs/s (90%% of the %,d cap)", target(), cap)
                    : String.format(Locale.ROOT, ">= %,.0f IDs/s, or <= %.0f ms of server CPU per million IDs (>= %.0f M IDs"
                    + " per server core-second) (the cap, %,d, does not bind)", FLAT_GOAL, CPU_GOAL_MS_PER_MILLION,
                    1000 / CPU_GOAL_MS_PER_MILLION, cap);
        }

        String reference() {
            return capBound ? String.format(Locale.ROOT, "%,d cap; goal 90%%", cap)
                    : String.format(Locale.ROOT, "%,.0f goal", FLAT_GOAL);
        }

        String shortGoal() {
            return capBound ? String.format(Locale.ROOT, ">= 90%% of the %,d IDs/s cap", cap)
                    : String.format(Locale.ROOT, ">= %,.0f IDs/s or <= %.0f ms server CPU per M IDs", FLAT_GOAL,
                    CPU_GOAL_MS_PER_MILLION);
        }
    }

    record Result(String layout, long cap, Goal goal, String path, double rate, long ids, long batches, double seconds,
                  double clientCores, double serverCores, double otherCores, double serverMsPerMillion,
                  double clientMsPerMillion, String status, String verification, String error) {
        String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "  %,.0f IDs/s  (%,d IDs in %,d batches over %.2f s)%n", rate, ids,
                    batches, seconds));
            sb.append(String.format(Locale.ROOT, "  CPU per million IDs (user+sys over the window): server %s ms (%s M IDs per"
                            + " server core-second), client %s ms%n", ms(serverMsPerMillion),
                    perCoreSecond(serverMsPerMillion), ms(clientMsPerMillion)));
            String by = goal.metBy(rate, serverMsPerMillion);
            sb.append(String.format(Locale.ROOT, "  reference: %s: %s  ratio %.1f%%  goal %s: %s%s%n", layout,
                    goal.reference(), 100 * goal.ratio(rate), goal.shortGoal(), status,
                    status.equals("MET") && !by.isEmpty() ? " (" + by + ")" : ""));
            sb.append(String.format(Locale.ROOT, "  CPU while measuring, in cores of this shared machine: client %.2f, server %s,"
                    + " other processes %s%n", clientCores, cores(serverCores), cores(otherCores)));
            if (otherCores > OTHER_CORES_WARNING) {
                sb.append(String.format(Locale.ROOT, "  WARNING: other processes used %.2f cores: this figure understates"
                        + " the service; rerun on an idle machine%n", otherCores));
            }
            sb.append("  ").append(verification);
            if (error != null) {
                sb.append(String.format("%n  ERROR: %s", error));
            }
            return sb.toString();
        }

        private static String cores(double c) {
            return c < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", c);
        }

        private static String ms(double v) {
            return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
        }

        private static String perCoreSecond(double msPerMillion) {
            return Double.isNaN(msPerMillion) ? "n/a" : String.format(Locale.ROOT, "%.1f", 1000 / msPerMillion);
        }

        /** The results file's columns after the round: see {@link Summary}. */
        String tsv() {
            return String.join("\t", layout, Long.toString(cap), path, String.format(Locale.ROOT, "%.0f", rate), status,
                    cores(clientCores), cores(serverCores), cores(otherCores), ms(serverMsPerMillion),
                    ms(clientMsPerMillion), (error == null ? "" : error + "; ") + verification);
        }
    }

    /**
     * The final table over every result line of a results file: {@code round, layout, cap, path, IDs/s, status,
     * client cores, server cores, other cores, server ms per M IDs, client ms per M IDs, note}, tab-separated.
     * One row per layout and scenario, median (min–max) over rounds; the verdict is the goal applied to the
     * medians, and any FAILED round fails the whole.
     */
    static final class Summary {
        private Summary() {}

        private record Row(int round, String layout, long cap, String path, double rate, String status, double client,
                           double server, double other, double serverMs, double clientMs, String note) {
            static Row parse(String line) {
                String[] r = line.split("\t", -1);
                return new Row(Integer.parseInt(r[0]), r[1], Long.parseLong(r[2]), r[3], Double.parseDouble(r[4]), r[5],
                        num(r[6]), num(r[7]), num(r[8]), num(r[9]), num(r[10]), r[11]);
            }

            private static double num(String s) {
                return s.equals("n/a") ? Double.NaN : Double.parseDouble(s);
            }
        }

        static int print(Path file) throws IOException {
            java.util.Map<String, List<Row>> groups = new java.util.LinkedHashMap<>();
            java.util.SortedSet<Integer> rounds = new java.util.TreeSet<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        Row row = Row.parse(line);
                        rounds.add(row.round);
                        groups.computeIfAbsent(row.layout + "\t" + row.path, k -> new ArrayList<>()).add(row);
                    }
                }
            }
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.println("=".repeat(50) + " batch-bench summary " + "=".repeat(50));
            System.out.printf(Locale.ROOT, "client and server run on the same machine and share its %d core%s: every"
                    + " throughput includes the client's own parsing; CPU = user+sys from /proc over each measured window%n",
                    cores, cores == 1 ? "" : "s");
            System.out.printf(Locale.ROOT, "%d round%s; each figure: median (min–max) over the rounds%n", rounds.size(),
                    rounds.size() == 1 ? "" : "s");
            boolean failed = groups.isEmpty();
            boolean busy = false;
            for (List<Row> rows : groups.values()) {
                Row first = rows.get(0);
                Goal goal = Goal.of(first.cap);
                double rate = median(rows, Row::rate);
                double serverMs = median(rows, Row::serverMs);
                boolean anyFailed = rows.stream().anyMatch(r -> r.status.equals("FAILED"));
                String verdict = anyFailed ? "FAILED" : goal.met(rate, serverMs) ? "MET" : "MISSED";
                String by = goal.metBy(rate, serverMs);
                long met = rows.stream().filter(r -> r.status.equals("MET")).count();
                System.out.printf(Locale.ROOT, "%n%s / %s%n", first.layout, first.path);
                System.out.printf(Locale.ROOT, "  IDs/s %s  (%.1f%% of the %s)%n", spread(rows, Row::rate, "%,.0f"),
                        100 * goal.ratio(rate), goal.capBound() ? String.format(Locale.ROOT, "%,d cap", goal.cap())
                                : String.format(Locale.ROOT, "%,.0f goal", FLAT_GOAL));
                System.out.printf(Locale.ROOT, "  server CPU per million IDs %s ms (= %s M IDs per server core-second);"
                                + " client %s ms%n", spread(rows, Row::serverMs, "%.1f"),
                        spread(rows, r -> 1000 / r.serverMs, "%.1f"), spread(rows, Row::clientMs, "%.1f"));
                System.out.printf(Locale.ROOT, "  cores: client %s, server %s, other processes %s%n",
                        spread(rows, Row::client, "%.2f"), spread(rows, Row::server, "%.2f"), spread(rows, Row::other, "%.2f"));
                System.out.printf(Locale.ROOT, "  goal %s: %s%s  (rounds MET: %d of %d)%n", goal.shortGoal(), verdict,
                        verdict.equals("MET") && !by.isEmpty() ? " by " + by : "", met, rows.size());
                failed |= anyFailed;
                busy |= rows.stream().anyMatch(r -> r.other > OTHER_CORES_WARNING);
                for (Row r : rows) {
                    if (r.status.equals("FAILED")) {
                        System.out.println("  FAILED in round " + r.round + ": " + r.note);
                    }
                }
            }
            System.out.println();
            if (busy) {
                System.out.println("WARNING: other processes were busy during some measurements (see \"other processes\"):"
                        + " those throughputs understate the service; CPU per million IDs is less affected");
            }
            System.out.println("goals: a cap-bound layout (default: 4,096,000 IDs/s per worker) >= 90% of its cap; a layout"
                    + " whose sequence does not bind >= 20,000,000 IDs/s, or <= 50 ms of server CPU per million IDs"
                    + " (>= 20 M IDs per server core-second) where the client is the bound");
            System.out.println("=".repeat(121));
            return failed ? 1 : 0;
        }

        private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
            double[] v = rows.stream().mapToDouble(f).filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).sorted()
                    .toArray();
            if (v.length == 0) {
                return Double.NaN;
            }
            int n = v.length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        private static String spread(List<Row> rows, java.util.function.ToDoubleFunction<Row> f, String format) {
            double[] v = rows.stream().mapToDouble(f).filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).sorted()
                    .toArray();
            if (v.length == 0) {
                return "n/a";
            }
            if (v.length == 1) {
                return String.format(Locale.ROOT, format, v[0]);
            }
            return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(rows, f), v[0],
                    v[v.length - 1]);
        }
    }
}
