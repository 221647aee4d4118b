package io.idmint.benchmarks.segment;

import io.idmint.benchmarks.BenchReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** The tables {@link SegmentLoad} prints: one line per pass, the outage's timeline, the recording cost, the goals. */
final class LoadReport {
    private LoadReport() {
    }

    /** What {@link LoadWorker#calibrate} measured: the timed loop's bookkeeping without the call. */
    record Calibration(double wallNanosPerId, double cpuNanosPerId, Histogram deltas) {}

    static void print(LoadOptions o, Calibration cal, List<Pass.Result> results, PrintStream out) {
        out.println();
        out.println(fmt("Segment refill under a burst: %d threads x %,d IDs, single-ID calls issue(long[1], 0, ONE), one"
                + " generator, PostgreSQL on 127.0.0.1", o.threads(), o.idsPerThread()));
        out.println();
        BenchReport.printTable(passTable(results), out);
        out.println();
        results.stream().filter(r -> r.outage() != null).forEach(r -> outage(r, o, out));
        recording(cal, results, out);
        goals(results, out);
    }

    private static List<String[]> passTable(List<Pass.Result> results) {
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"pass", "IDs", "wall s", "IDs/s", "CPU ns/ID", "load-thr CPU ns/ID", "retry later", "waits",
            "fetches", "end step", "p50", "p99", "p99.9", "max", "unique"});
        for (Pass.Result r : results) {
            Histogram h = r.latency();
            t.add(new String[] {
                r.name(), fmt("%,d", r.ids()), fmt("%.2f", r.wallNanos() / 1e9), fmt("%,.0f", r.ids() * 1e9 / r.wallNanos()),
                fmt("%.1f", (double) r.processCpuNanos() / r.ids()), fmt("%.1f", (double) r.loadCpuNanos() / r.ids()),
                fmt("%,d", r.refusals()), fmt("%,.0f", r.gauges().waits()), fmt("%,.0f", r.gauges().fetches()),
                fmt("%,.0f", r.gauges().step()),
                h == null ? "-" : time(h.getValueAtPercentile(50)), h == null ? "-" : time(h.getValueAtPercentile(99)),
                h == null ? "-" : time(h.getValueAtPercentile(99.9)), h == null ? "-" : time(h.getMaxValue()),
                r.failure() != null ? "FAILED" : r.verdict().ok() ? "yes" : "NO"});
        }
        return t;
    }

    private static void outage(Pass.Result r, LoadOptions o, PrintStream out) {
        OutageReport x = r.outage();
        out.println(fmt("Outage (%s): PostgreSQL killed (kill -9) once half the IDs were issued, started again %,d ms"
                + " after; times in ms after the stop:", r.name(), o.outageMillis()));
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"event", "ms", "detail"});
        t.add(new String[] {"database killed (postmaster and backends gone)", ms(x.killMs()), ""});
        t.add(new String[] {"buffered at the stop", "0", fmt("%,d IDs left in the current + next segment; the highest"
            + " ID held when the database was gone: %,d", x.bufferedAtStop(), x.bufferMax())});
        t.add(new String[] {"last ID served from that buffer", ms(x.lastBufferedMs()), fmt("%,d IDs served from the buffer"
            + " after the stop", x.servedFromBuffer())});
        t.add(new String[] {"first refusal (retry later)", ms(x.firstRefusalMs()), fmt("%,d refusals in all, the last at %s ms",
            x.refusals(), ms(x.lastRefusalMs()))});
        t.add(new String[] {"database accepting connections again", ms(x.restartedMs()), "crash recovery included"});
        t.add(new String[] {"service resumed", ms(x.resumedMs()), x.resumedMs() < 0 ? "not seen"
            : fmt("first ID from a segment taken after the restart, %s ms after it", ms(x.resumedMs() - x.restartedMs()))});
        BenchReport.printTable(t, out);
        out.println(r.failure() == null ? "" : "outage pass failed: " + r.failure());
        out.println();
    }

    private static void recording(Calibration cal, List<Pass.Result> results, PrintStream out) {
        out.println(fmt("Recording overhead: timed passes read the clock once per ID (the time from the previous ID's"
                + " return to this one's, retries included) and record it in an HdrHistogram. That bookkeeping alone,"
                + " without the call, costs %.1f ns per ID (%.1f ns CPU); its recorded deltas: p50 %s, p99 %s, max %s."
                + " Every latency above includes it.", cal.wallNanosPerId(), cal.cpuNanosPerId(),
                time(cal.deltas().getValueAtPercentile(50)), time(cal.deltas().getValueAtPercentile(99)),
                time(cal.deltas().getMaxValue())));
        for (Pass.Result timed : results) {
            Optional<Pass.Result> untimed = results.stream()
                    .filter(r -> !r.timed() && r.scenario().equals(timed.scenario())).findFirst();
            if (timed.timed() && untimed.isPresent()) {
                Pass.Result u = untimed.get();
                out.println(fmt("  %s: timed %.1f vs untimed %.1f CPU ns/ID, %,.0f vs %,.0f IDs/s", timed.scenario(),
                        (double) timed.processCpuNanos() / timed.ids(), (double) u.processCpuNanos() / u.ids(),
                        timed.ids() * 1e9 / timed.wallNanos(), u.ids() * 1e9 / u.wallNanos()));
            }
        }
        out.println();
    }

    private static void goals(List<Pass.Result> results, PrintStream out) {
        for (Pass.Result r : results) {
            if (!r.scenario().equals("outage")) {
                String status = r.refusals() == 0 ? "MET" : "MISSED";
                out.println(fmt("goal %-7s no \"retry later\" during the burst, %s (measured %,d)", status + ":", r.name(),
                        r.refusals()));
            }
        }
        for (Pass.Result r : results) {
            out.println((r.ok() ? "check OK:      " : "check FAILED:  ") + r.name() + ": "
                    + (r.failure() != null ? r.failure() + "; " : "") + r.verdict().describe());
        }
    }

    /** 38 ns, 1.20 us, 3.4 ms, 2.01 s. */
    static String time(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return fmt("%.2f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return fmt("%.1f ms", nanos / 1e6);
        }
        return fmt("%.2f s", nanos / 1e9);
    }

    private static String ms(double v) {
        return v < 0 ? "-" : fmt("%,.0f", v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
