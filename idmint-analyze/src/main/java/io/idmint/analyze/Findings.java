package io.idmint.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.IsoTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream's findings over every worker: exact counts, and at most {@link Settings#examples()} examples of each
 * kind (twice that for clock events), each with the line and the worker where it happened.
 */
final class Findings {
    static final ObjectMapper JSON = new ObjectMapper();

    final IdFields fields;
    final Settings settings;

    long orderViolations;
    final List<ObjectNode> orderExamples = new ArrayList<>();
    long regressions;
    long idsBehind;
    long gaps;
    final List<ObjectNode> clockEvents = new ArrayList<>();
    long ticks;
    final long[] utilisationHistogram = new long[10];
    long ticksAtHalf;
    long ticksAtBurst;
    long ticksFull;
    long maxTickSequence = -1;
    long staleTickIds;
    final List<ObjectNode> bursts = new ArrayList<>();

    Findings(IdFields fields, Settings settings) {
        this.fields = fields;
        this.settings = settings;
    }

    static String iso(long millis) {
        return IsoTimestamps.format(Instant.ofEpochMilli(millis));
    }

    private ObjectNode event(String kind, WorkerStats w, long line) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", kind);
        n.put("line", line);
        n.put("datacenter", w.datacenter());
        n.put("worker", w.worker());
        return n;
    }

    void orderViolation(WorkerStats w, long line, long previous, long id) {
        orderViolations++;
        if (orderExamples.size() < settings.examples()) {
            ObjectNode n = event("order", w, line);
            n.put("previous", Long.toString(previous));
            n.put("id", Long.toString(id));
            n.put("previous_timestamp", iso(fields.millis(previous)));
            n.put("timestamp", iso(fields.millis(id)));
            n.put("equal", previous == id);
            orderExamples.add(n);
        }
    }

    /** The event object while it is kept among the examples (the episode updates it), else a detached one. */
    ObjectNode regression(WorkerStats w, long line, long fromMillis, long toMillis) {
        regressions++;
        ObjectNode n = event("regression", w, line);
        n.put("from", iso(fromMillis));
        n.put("to", iso(toMillis));
        n.put("at_ms", toMillis);
        n.put("back_ms", fromMillis - toMillis);
        n.put("ids_behind", 1);
        if (clockEvents.size() < 2L * settings.examples()) {
            clockEvents.add(n);
        }
        return n;
    }

    void gap(WorkerStats w, long line, long fromMillis, long toMillis) {
        gaps++;
        if (clockEvents.size() < 2L * settings.examples()) {
            ObjectNode n = event("gap", w, line);
            n.put("from", iso(fromMillis));
            n.put("to", iso(toMillis));
            n.put("at_ms", toMillis);
            n.put("gap_ms", toMillis - fromMillis);
            clockEvents.add(n);
        }
    }

    /** A worker's tick has ended: its highest sequence is its utilisation. */
    void tickDone(WorkerStats w, long tick, long maxSeq, long ids, long firstLine) {
        ticks++;
        long used = maxSeq + 1;
        double ratio = used / (double) fields.capacity;
        utilisationHistogram[(int) Math.min(9, Math.floor(ratio * 10))]++;
        maxTickSequence = Math.max(maxTickSequence, maxSeq);
        if (ratio >= 0.5) {
            ticksAtHalf++;
        }
        if (used == fields.capacity) {
            ticksFull++;
        }
        if (ratio >= settings.burstRatio()) {
            ticksAtBurst++;
            w.burstTicks++;
            if (bursts.size() < settings.examples()) {
                long at = fields.millisOfTick(tick);
                ObjectNode n = event("burst", w, firstLine);
                n.put("tick", iso(at));
                n.put("at_ms", at);
                n.put("ids_seen", ids);
                n.put("max_sequence", maxSeq);
                n.put("utilisation", ratio);
                bursts.add(n);
            }
        }
    }
}
