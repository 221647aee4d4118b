package io.idmint.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * The load side of {@code bin/soak}: for M minutes, HTTP {@code GET /api/v1/ids} at a constant rate
 * (open loop, latency from each request's intended start) plus gRPC {@code GenerateBatch} at a low rate,
 * against a running idmint server whose PID it is given. Every 10 s window records requests, errors,
 * latency percentiles and the server's RSS (sampled every second). At the end every ID received is
 * checked unique, and {@code soak.csv} and {@code summary.txt} are written to the output directory.
 *
 * <p>Exit status: 0 when the run completed and no ID was duplicated, whatever the error count (errors
 * are a measurement, reported); 1 on a duplicate ID or when the run itself failed (no connection, the
 * server process gone); 2 on bad arguments. Usage: see {@link SoakOptions#USAGE}.
 */
public final class SoakLoad {
    /** A short pause between connecting and the schedule's start, so request 0 is not already late. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SoakOptions options;
    private final Meters meters = new Meters();
    private final ServerMemory memory;

    private SoakLoad(SoakOptions options) {
        this.options = options;
        this.memory = new ServerMemory(options.serverPid());
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.println(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        QuietNetty.useJdkLogging();
        System.exit(new SoakLoad(options).run());
    }

    private int run() throws Exception {
        Files.createDirectories(options.outDir());
        long idleKib = memory.rssKib();
        if (idleKib < 0) {
            System.err.println("soak: no process " + options.serverPid() + " to sample (is the server running?)");
            return 1;
        }
        System.out.printf(Locale.ROOT, "soak: warming the load generator for %d s against a stub in its own JVM"
                + " (the server sees none of it)%n", GeneratorWarmup.SECONDS);
        GeneratorWarmup.run(options.ratePerSecond(), options.connections());
        long durationNanos = TimeUnit.SECONDS.toNanos(options.durationSeconds());
        HttpLoad http = new HttpLoad("127.0.0.1", options.httpPort(), options.ratePerSecond(), options.connections(),
                durationNanos, meters);
        GrpcBatchLoad grpc = new GrpcBatchLoad(options.grpcPort(), options.grpcBatchCount(),
                options.grpcCallsPerSecond(), durationNanos, meters);
        try {
            http.connect();
            grpc.connect();
        } catch (Exception e) {
            System.err.println("soak: cannot connect to the server: " + e);
            http.close();
            return 1;
        }
        return measure(http, grpc, ServerMemory.mib(idleKib));
    }

    private int measure(HttpLoad http, GrpcBatchLoad grpc, double idleRssMib) throws Exception {
        Windows windows = new Windows(meters, options.windowSeconds());
        Sampler sampler = new Sampler(memory, windows, options.windowSeconds(), options.windowCount(), System.out);
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        printStart(http, grpc);
        long t0 = System.nanoTime() + START_DELAY_NANOS;
        http.start(t0);
        grpc.start(t0, TimeUnit.SECONDS.toNanos(options.durationSeconds()));
        sampler.start(t0);
        String failure = awaitEnd(http, sampler);
        // the last window's end RSS from before the teardown, like every other window's: under load
        long endRssKib = memory.rssKib();
        List<LongList> ids = new ArrayList<>(grpc.stop());
        ids.addAll(http.close());
        sampler.stop();
        windows.rss(endRssKib);
        System.out.println(windows.close().progressLine());
        IdCheck.Result unique = IdCheck.check(ids);
        Path csv = options.outDir().resolve("soak.csv");
        SoakCsv.write(csv, windows.closed());
        // the summary reads the windows back from the CSV, so its RSS figures are exactly the chart's
        SoakSummary.Run run = new SoakSummary.Run(options, started, loadBefore, loadAverage(), SoakCsv.read(csv),
                windows.httpTotal(), windows.grpcTotal(), sendLag(), meters, http.scheduledRequests(), idleRssMib,
                unique, failure);
        writeSummary(run, csv);
        return unique.duplicates() == 0 && failure == null ? 0 : 1;
    }

    private void printStart(HttpLoad http, GrpcBatchLoad grpc) {
        System.out.printf(Locale.ROOT, "soak: %d min; %s at %s req/s; %s; server PID %d RSS every second;"
                        + " a line per %d s window%n", options.minutes(), http.describe(),
                Report.number(options.ratePerSecond()), grpc.describe(), options.serverPid(), options.windowSeconds());
    }

    /** Waits for the HTTP schedule to drain; returns why the run was cut short, or null. */
    private String awaitEnd(HttpLoad http, Sampler sampler) throws Exception {
        long timeoutSeconds = options.durationSeconds() + TimeUnit.NANOSECONDS.toSeconds(Schedule.GRACE_NANOS) + 10;
        try {
            CompletableFuture.anyOf(http.done(), sampler.failed()).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "the load did not finish within " + timeoutSeconds + " s";
        }
        return sampler.failed().getNow(null);
    }

    private Histogram sendLag() {
        return meters.sendLagMicros.getIntervalHistogram();
    }

    private void writeSummary(SoakSummary.Run run, Path csv) throws IOException {
        Path summary = options.outDir().resolve("summary.txt");
        List<String> lines = SoakSummary.lines(run);
        Files.write(summary, lines);
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println("soak: wrote " + csv + " and " + summary);
    }

    /** The 1, 5 and 15 minute load averages: a busy machine skews every figure of the run. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
