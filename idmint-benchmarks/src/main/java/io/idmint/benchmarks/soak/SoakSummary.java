package io.idmint.benchmarks.soak;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code summary.txt}: the whole run in a few lines, from the same windows as the CSV plus the totals
 * that only the run itself knows (unanswered requests, the uniqueness check, the generator's own lag).
 */
final class SoakSummary {
    /** What the run measured beyond the windows. */
    record Run(SoakOptions options, Instant started, String loadAverageBefore, String loadAverageAfter,
               List<Window> windows, Histogram httpMicros, Histogram grpcMicros, Histogram sendLagMicros,
               Meters meters, long scheduledRequests, double idleRssMib, IdCheck.Result ids, String failure) {
        long unanswered() {
            return Math.max(0, scheduledRequests - meters.httpRequests.sum());
        }

        long httpErrors() {
            return meters.counts().httpErrors() + unanswered();
        }
    }

    private final Run run;
    private final List<String> lines = new ArrayList<>();

    private SoakSummary(Run run) {
        this.run = run;
    }

    static List<String> lines(Run run) {
        SoakSummary s = new SoakSummary(run);
        s.header();
        s.http();
        s.grpc();
        s.ids();
        s.memory();
        s.problems();
        return s.lines;
    }

    private void add(String format, Object... args) {
        lines.add(String.format(Locale.ROOT, format, args));
    }

    private void header() {
        SoakOptions o = run.options();
        add("idmint soak, %s UTC: %s req/s for %d min, %d windows of %d s, %d cores, load average %s before, %s after",
                run.started().truncatedTo(ChronoUnit.SECONDS), Report.number(o.ratePerSecond()), o.minutes(),
                run.windows().size(), o.windowSeconds(), Runtime.getRuntime().availableProcessors(),
                run.loadAverageBefore(), run.loadAverageAfter());
    }

    private void http() {
        Histogram h = run.httpMicros();
        Meters m = run.meters();
        add("HTTP requests:      %s of %s scheduled (achieved %s req/s)", Report.count(m.httpRequests.sum()),
                Report.count(run.scheduledRequests()),
                Report.count(Math.round(m.httpRequests.sum() / (double) run.options().durationSeconds())));
        add("HTTP errors:        %s (non-200 %d, unparseable %d, transport %d, unanswered at the end %d;"
                        + " connections lost %d)", Report.count(run.httpErrors()), m.non200.sum(), m.unparseable.sum(),
                m.transportErrors.sum(), run.unanswered(), m.connectionsLost.sum());
        add("HTTP latency (ms, from intended start): p50 %s  p99 %s  p99.9 %s  max %s", Report.ms(Report.ms(h, 50)),
                Report.ms(Report.ms(h, 99)), Report.ms(Report.ms(h, 99.9)), Report.ms(Report.maxMs(h)));
        Histogram lag = run.sendLagMicros();
        add("generator lag (ms, part of the latency above): p99.9 %s  max %s", Report.ms(Report.ms(lag, 99.9)),
                Report.ms(Report.maxMs(lag)));
    }

    private void grpc() {
        Histogram h = run.grpcMicros();
        add("gRPC GenerateBatch(count=%d): %s calls, %d errors; latency ms p50 %s  p99 %s  max %s",
                run.options().grpcBatchCount(), Report.count(run.meters().grpcCalls.sum()),
                run.meters().grpcErrors.sum(), Report.ms(Report.ms(h, 50)), Report.ms(Report.ms(h, 99)),
                Report.ms(Report.maxMs(h)));
    }

    private void ids() {
        IdCheck.Result r = run.ids();
        add("IDs checked unique: %s, duplicates %d%s", Report.count(r.ids()), r.duplicates(),
                r.duplicates() == 0 ? "" : " (e.g. " + Arrays.toString(r.examples()) + ")");
    }

    private void memory() {
        List<Window> w = run.windows();
        if (w.isEmpty()) {
            add("server RSS:         idle %s MiB before the load; no window completed", Report.mib(run.idleRssMib()));
            return;
        }
        Window first = w.get(0);
        Window last = w.get(w.size() - 1);
        add("server RSS (MiB):   idle %s before the load; first window end %s (mean %s), last window end %s"
                        + " (mean %s); max %s", Report.mib(run.idleRssMib()), Report.mib(first.rss().endMib()),
                Report.mib(first.rss().meanMib()), Report.mib(last.rss().endMib()), Report.mib(last.rss().meanMib()),
                Report.mib(w.stream().mapToDouble(x -> x.rss().maxMib()).max().orElse(0)));
        RssTrend t = RssTrend.secondHalf(w);
        if (Double.isNaN(t.mibPerMinute())) {
            add("RSS slope, second half: n/a (fewer than 2 windows in the second half)");
            return;
        }
        add("RSS slope, second half: %+.2f MiB/min (least squares over %d window means: a fitted change of"
                + " %+.1f MiB, against a spread of %.1f MiB between the means)", t.mibPerMinute(), t.windows(),
                t.fittedChangeMib(w), RssTrend.spreadMib(w));
    }

    private void problems() {
        if (run.failure() != null) {
            add("RUN FAILED: %s", run.failure());
        }
        if (run.ids().duplicates() > 0) {
            add("RUN FAILED: %d duplicate IDs", run.ids().duplicates());
        }
        int count = run.meters().problemCount();
        List<String> first = run.meters().firstProblems();
        if (count > 0) {
            add("problems: %d, the first %d:", count, first.size());
            first.forEach(p -> add("  %s", p));
        }
    }
}
