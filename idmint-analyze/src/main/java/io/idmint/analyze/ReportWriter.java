package io.idmint.analyze;

import static io.idmint.analyze.Findings.JSON;
import static io.idmint.analyze.Findings.iso;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.IsoTimestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes the sections of the report's JSON tree from the analyzer's counters ({@link Report} renders it). */
final class ReportWriter {
    private final IdFields fields;
    private final Settings settings;
    private final ObjectNode r = JSON.createObjectNode();

    ReportWriter(IdFields fields, Settings settings) {
        this.fields = fields;
        this.settings = settings;
    }

    ObjectNode root() {
        return r;
    }

    void layout() {
        BitLayout l = fields.layout;
        ObjectNode lay = r.putObject("layout");
        lay.put("name", l.name());
        lay.put("bits", l.binaryView());
        lay.put("epoch", iso(fields.epochMillis));
        lay.put("tick_millis", fields.tickMillis);
        lay.put("sequence_capacity", fields.capacity);
        lay.put("end_of_life", IsoTimestamps.format(l.endOfLife()));
    }

    void timeSpan(long count, long oldest, long newest, long first, long last) {
        ObjectNode span = r.putObject("time_span");
        span.put("oldest", iso(oldest));
        span.put("newest", iso(newest));
        span.put("first_in_stream", iso(first));
        span.put("last_in_stream", iso(last));
        span.put("span_ms", newest - oldest);
        span.put("ids_per_second", count / Math.max(1e-3, (newest - oldest + fields.tickMillis) / 1000.0));
    }

    void perWorker(long count, List<WorkerStats> workers) {
        double mean = workers.isEmpty() ? 0 : count / (double) workers.size();
        r.put("workers", workers.size());
        ArrayNode list = r.putArray("per_worker");
        List<WorkerStats> hot = new ArrayList<>();
        for (WorkerStats w : workers) {
            boolean isHot = workers.size() >= 2 && w.count > settings.hotFactor() * mean;
            if (isHot) {
                hot.add(w);
            }
            worker(list.addObject(), w, count, isHot);
        }
        hot.sort(Comparator.comparingLong((WorkerStats w) -> w.count).reversed());
        ObjectNode h = r.putObject("hot_workers");
        h.put("factor", settings.hotFactor());
        h.put("mean_count", mean);
        ArrayNode hl = h.putArray("workers");
        for (WorkerStats w : hot) {
            hl.addObject().put("datacenter", w.datacenter()).put("worker", w.worker()).put("count", w.count)
                    .put("times_mean", w.count / mean);
        }
    }

    private void worker(ObjectNode n, WorkerStats w, long count, boolean isHot) {
        n.put("datacenter", w.datacenter());
        n.put("worker", w.worker());
        n.put("count", w.count);
        n.put("share", count == 0 ? 0 : w.count / (double) count);
        n.put("first", iso(w.firstMillis));
        n.put("last", iso(w.maxMillis));
        n.put("ids_per_second", w.count / Math.max(1e-3, (w.maxMillis - w.firstMillis + fields.tickMillis) / 1000.0));
        n.put("peak_ids_in_a_second", w.peakSecond);
        n.put("hot", isHot);
        n.put("order_violations", w.orderViolations);
        n.put("regressions", w.regressions);
        n.put("gaps", w.gaps);
        n.put("burst_ticks", w.burstTicks);
    }

    void duplicates(DuplicateFinder.Result d, Map<Long, List<Long>> lines) {
        ObjectNode n = r.putObject("duplicates");
        n.put("count", d.duplicates());
        n.put("distinct_ids", d.distinct());
        n.put("method", d.runs() == 0 ? "sorted in memory" : "external sort: " + d.runs() + " runs of at most "
                + settings.sortBufferIds() + " IDs, " + d.spilledBytes() + " bytes on disk, " + d.mergePasses() + " merge passes");
        ArrayNode ex = n.putArray("examples");
        for (DuplicateFinder.Duplicate x : d.examples()) {
            ObjectNode e = ex.addObject();
            e.put("id", Long.toString(x.id()));
            e.put("occurrences", x.occurrences());
            e.put("timestamp", iso(fields.millis(x.id())));
            e.put("datacenter", fields.datacenter(x.id()));
            e.put("worker", fields.worker(x.id()));
            e.put("sequence", fields.sequence(x.id()));
            List<Long> at = lines.get(x.id());
            if (at != null) {
                e.set("lines", JSON.valueToTree(at));
            }
        }
    }

    void orderAndClock(Findings f) {
        ObjectNode ov = r.putObject("order_violations");
        ov.put("count", f.orderViolations);
        ov.set("examples", JSON.valueToTree(f.orderExamples));
        ObjectNode cj = r.putObject("clock_jumps");
        cj.put("regressions", f.regressions);
        cj.put("ids_behind", f.idsBehind);
        cj.put("gaps", f.gaps);
        cj.put("regression_threshold_ms", settings.regressionMillis());
        cj.put("gap_threshold_ms", settings.gapMillis());
        cj.set("events", JSON.valueToTree(f.clockEvents));
    }

    void sequence(Findings f) {
        ObjectNode s = r.putObject("sequence");
        s.put("capacity_per_tick", fields.capacity);
        s.put("ticks", f.ticks);
        s.put("max_sequence", f.maxTickSequence);
        s.put("max_utilisation", f.maxTickSequence < 0 ? 0 : (f.maxTickSequence + 1) / (double) fields.capacity);
        s.put("ticks_at_least_50_percent", f.ticksAtHalf);
        s.put("ticks_at_least_burst_ratio", f.ticksAtBurst);
        s.put("burst_ratio", settings.burstRatio());
        s.put("ticks_full", f.ticksFull);
        s.put("ids_in_closed_ticks", f.staleTickIds);
        ArrayNode h = s.putArray("histogram");
        for (int i = 0; i < 10; i++) {
            h.addObject().put("from", i / 10.0).put("to", (i + 1) / 10.0).put("ticks", f.utilisationHistogram[i]);
        }
        s.set("bursts", JSON.valueToTree(f.bursts));
    }

    void lifetime(long newestId, long newestMillis) {
        BitLayout l = fields.layout;
        ObjectNode life = r.putObject("lifetime");
        life.put("newest_id", Long.toString(newestId));
        life.put("newest", iso(newestMillis));
        life.put("end_of_life", IsoTimestamps.format(l.endOfLife()));
        life.put("used", l.lifetimeUsed(newestMillis));
        life.put("remaining_days", Math.max(0, (l.endOfLifeMillis() - newestMillis) / 86_400_000L));
    }

    void timeline(Timeline timeline) {
        if (timeline.isEmpty()) {
            return;
        }
        Timeline.Buckets b = timeline.trimmed();
        ObjectNode tl = r.putObject("timeline");
        tl.put("start", iso(b.startMillis()));
        tl.put("start_ms", b.startMillis());
        tl.put("bucket_ms", b.widthMillis());
        ArrayNode counts = tl.putArray("counts");
        for (long c : b.counts()) {
            counts.add(c);
        }
    }
}
