package io.idmint.benchmarks.segment;

import io.idmint.testkit.Postgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;

/**
 * {@code bin/segment-bench}: idmint's segment generator on a real PostgreSQL (started by the test kit on
 * 127.0.0.1, in a temporary directory deleted at the end) under a burst of single-ID calls, and the same burst
 * with the database killed for a few seconds mid-run. Not JMH: what matters here is refills, waits and
 * refusals over a whole burst, and the latency of every ID.
 *
 * <p>Scenarios, each with a fresh biz tag: {@code adaptive} (initial step {@code --step}, adapting within the
 * generator's defaults, 100..1,000,000), {@code fixed} (pinned to {@code --step}: every refill is a database
 * round trip per {@code step} IDs), {@code outage} (as {@code adaptive}, PostgreSQL killed once half the IDs are
 * issued and started again {@code --outage-ms} later). {@code adaptive} and {@code fixed} run twice: untimed
 * (throughput and CPU time only) and timed (every ID's latency), so the cost of timing shows.
 *
 * <p>Exit codes: 0 all passes ran and every ID was unique; 1 a duplicate (or a thread's IDs not increasing) or a
 * pass that failed; 2 usage; 4 an unexpected error. A missed goal (a "retry later" during a burst) is reported,
 * not an error.
 */
public final class SegmentLoad {
    private static final int CALIBRATION_IDS = 10_000_000;
    /** Held so that its level sticks (JUL keeps loggers weakly): Flyway's INFO lines on every pass drown the report. */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    private SegmentLoad() {
    }

    public static void main(String[] args) {
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("segment-bench: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(o);
        } catch (Throwable t) {
            t.printStackTrace();
            code = 4;
        }
        System.exit(code);
    }

    static int run(LoadOptions o) throws Exception {
        FLYWAY.setLevel(Level.WARNING);
        System.out.printf(Locale.ROOT, "segment-bench: %d threads x %,d IDs, step %d, scenarios %s, outage %,d ms; %d cores,"
                + " JDK %s%n", o.threads(), o.idsPerThread(), o.step(), o.scenarios(), o.outageMillis(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"));
        LoadReport.Calibration cal = calibrate();
        List<Pass.Result> results = new ArrayList<>();
        try (Postgres pg = Postgres.launch()) {
            System.out.println("segment-bench: PostgreSQL " + pg.psql("postgres", "SHOW server_version") + " on "
                    + pg.jdbcUrl() + ", data in " + pg.directory() + " (deleted at the end)");
            String url = pg.createDatabase("ids");
            for (String scenario : o.scenarios()) {
                for (boolean timed : scenario.equals("outage") ? new boolean[] {true} : new boolean[] {false, true}) {
                    Pass.Result r = Pass.run(o, pg, url, scenario, timed);
                    System.out.printf(Locale.ROOT, "segment-bench: %-16s %,d IDs in %.2f s%s%n", r.name(), r.ids(),
                            r.wallNanos() / 1e9, r.failure() == null ? "" : ", FAILED: " + r.failure());
                    results.add(r);
                }
            }
        }
        LoadReport.print(o, cal, results, System.out);
        return results.stream().allMatch(Pass.Result::ok) ? 0 : 1;
    }

    /** Twice: the first run warms the loop up (JIT), the second is reported. */
    private static LoadReport.Calibration calibrate() {
        LoadWorker.calibrate(CALIBRATION_IDS, new Histogram(LoadWorker.MAX_RECORDED_NANOS, 3));
        Histogram deltas = new Histogram(LoadWorker.MAX_RECORDED_NANOS, 3);
        double[] cost = LoadWorker.calibrate(CALIBRATION_IDS, deltas);
        return new LoadReport.Calibration(cost[0], cost[1], deltas);
    }
}
