package io.idmint.benchmarks.batch;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
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
 *   <li>a layout whose sequence field does not bind (cap above that): at least 20,000,000 IDs/s.</li>
 * </ul>
 * The cap is the server's own {@code ids_per_second_per_worker} from {@code GET /api/v1/info}.
 *
 * <p>Usage: {@code BatchLoad --http-port P --grpc-port G [--server-pid PID] [--warmup S] [--duration S]
 * [--scenarios grpc:10000,grpc:100000,http:100000] [--grpc-streams N] [--http-connections N]
 * [--window BYTES] [--results FILE]}, then {@code BatchLoad --summary FILE} for the final table over every
 * run appended to FILE. Exits 1 when a scenario had a transport error or failed verification; a missed
 * goal is reported, not an error.
 */
public final class BatchLoad {
    static final double CAP_SHARE_GOAL = 0.90;
    static final double FLAT_GOAL = 20_000_000;
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
        CpuMeter cpu = new CpuMeter(serverPid, clkTck);
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
                Files.writeString(results, r.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
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
                + " [--http-connections N] [--window BYTES] [--results FILE]");
        System.err.println("       BatchLoad --summary FILE");
        System.exit(2);
    }

    private static Result run(Info info, Goal goal, Load load, double warmup, double duration, CpuMeter cpu)
            throws Exception {
        System.out.printf(Locale.ROOT, "%n[%s] %s: warm-up %.0f s, measuring %.0f s ...%n", info.layout, load.describe(),
                warmup, duration);
        load.start();
        long measured;
        long batches;
        double seconds;
        double[] cores;
        try {
            sleepUnlessFailed(load, warmup);
            long ids0 = sum(load, true);
            long batches0 = sum(load, false);
            CpuMeter.Sample cpu0 = cpu.sample();
            sleepUnlessFailed(load, duration);
            long ids1 = sum(load, true);
            long batches1 = sum(load, false);
            CpuMeter.Sample cpu1 = cpu.sample();
            measured = ids1 - ids0;
            batches = batches1 - batches0;
            seconds = (cpu1.wallNanos() - cpu0.wallNanos()) / 1e9;
            cores = cpu1.coresSince(cpu0);
        } finally {
            load.stop();
        }
        Tally.Verdict verdict = Tally.verify(load.tallies());
        double rate = measured / seconds;
        String status = load.error() != null || !verdict.ok() ? "FAILED" : goal.met(rate) ? "MET" : "MISSED";
        return new Result(info.layout, info.cap, goal, load.describe(), rate, measured, batches, seconds, cores[0],
                cores[1], cores[2], status, verdict.describe(), load.error());
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

        boolean met(double rate) {
            return rate >= target();
        }

        String describe() {
            return capBound ? String.format(Locale.ROOT, ">= %,.0f IDs/s (90%% of the %,d cap)", target(), cap)
                    : String.format(Locale.ROOT, ">= %,.0f IDs/s (the cap, %,d, does not bind)", FLAT_GOAL, cap);
        }

        String reference() {
            return capBound ? String.format(Locale.ROOT, "%,d cap; goal 90%%", cap)
                    : String.format(Locale.ROOT, "%,.0f goal", FLAT_GOAL);
        }
    }

    record Result(String layout, long cap, Goal goal, String path, double rate, long ids, long batches, double seconds,
                  double clientCores, double serverCores, double otherCores, String status, String verification,
                  String error) {
        String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "  %,.0f IDs/s  (%,d IDs in %,d batches over %.2f s)%n", rate, ids,
                    batches, seconds));
            sb.append(String.format(Locale.ROOT, "  reference: %s: %s  ratio %.1f%%  %s%n", layout,
                    goal.reference(), 100 * goal.ratio(rate), status));
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

        String tsv() {
            return String.join("\t", layout, Long.toString(cap), path, String.format(Locale.ROOT, "%.0f", rate), status,
                    cores(clientCores), cores(serverCores), cores(otherCores),
                    (error == null ? "" : error + "; ") + verification);
        }
    }

    /** The final table over every result line of a results file. */
    static final class Summary {
        private Summary() {}

        static int print(Path file) throws IOException {
            List<String[]> rows = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        rows.add(line.split("\t", -1));
                    }
                }
            }
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.println("=".repeat(60) + " batch-bench summary " + "=".repeat(60));
            System.out.printf(Locale.ROOT, "client and server run on the same machine and share its %d core%s: every"
                    + " figure includes the client's own parsing%n", cores, cores == 1 ? "" : "s");
            System.out.printf(Locale.ROOT, "%-8s %-64s %13s  %-25s %7s  %-7s %s%n", "layout", "path", "IDs/s",
                    "reference", "ratio", "result", "cores: client+server (other)");
            boolean failed = rows.isEmpty();
            boolean busy = false;
            for (String[] r : rows) {
                Goal goal = Goal.of(Long.parseLong(r[1]));
                double rate = Double.parseDouble(r[3]);
                System.out.printf(Locale.ROOT, "%-8s %-64s %,13.0f  %-25s %6.1f%%  %-7s %s+%s (%s)%n", r[0], r[2], rate,
                        goal.reference(), 100 * goal.ratio(rate), r[4], r[5], r[6], r[7]);
                failed |= r[4].equals("FAILED");
                busy |= !r[7].equals("n/a") && Double.parseDouble(r[7]) > OTHER_CORES_WARNING;
            }
            if (busy) {
                System.out.println("WARNING: other processes were busy during some measurements (see \"other\"): those"
                        + " figures understate the service");
            }
            for (String[] r : rows) {
                if (r[4].equals("FAILED")) {
                    System.out.println("FAILED " + r[0] + " / " + r[2] + ": " + r[8]);
                }
            }
            System.out.println("goals: a cap-bound layout (default: 4,096,000 IDs/s per worker) >= 90% of its cap;"
                    + " a layout whose sequence does not bind >= 20,000,000 IDs/s");
            System.out.println("=".repeat(141));
            return failed ? 1 : 0;
        }
    }
}
