package io.idmint.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One worker's counters, constant in size whatever the stream's length: its IDs in stream order give its order
 * violations, clock regressions (one episode while its timestamps stay behind its newest) and gaps, its ticks and
 * its busiest second. What it finds goes to the shared {@link Findings}.
 */
final class WorkerStats {
    final long key;
    private final Findings findings;
    private final Settings settings;
    long count;
    long firstMillis;
    long maxMillis;
    long orderViolations;
    long regressions;
    long gaps;
    long burstTicks;
    private long lastId;
    private ObjectNode episode; // the regression this worker is in, while its timestamps stay behind maxMillis
    private long curTick = -1;
    private long curMaxSeq;
    private long curIds;
    private long curLine;
    private long curSecond = Long.MIN_VALUE;
    private long secondCount;
    long peakSecond;

    WorkerStats(long key, Findings findings) {
        this.key = key;
        this.findings = findings;
        this.settings = findings.settings;
    }

    int datacenter() {
        return (int) (key >>> findings.fields.workerBits);
    }

    int worker() {
        return (int) (key & findings.fields.workerMask);
    }

    void observe(long id, long tick, long millis, long seq, long line) {
        second(millis);
        if (count++ == 0) {
            firstMillis = millis;
            maxMillis = millis;
            lastId = id;
            startTick(tick, seq, line);
            return;
        }
        if (id <= lastId) {
            orderViolations++;
            findings.orderViolation(this, line, lastId, id);
        }
        lastId = id;
        clock(millis, line);
        tick(tick, seq, line);
    }

    private void second(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second == curSecond) {
            secondCount++;
        } else {
            peakSecond = Math.max(peakSecond, secondCount);
            curSecond = second;
            secondCount = 1;
        }
    }

    private void clock(long millis, long line) {
        if (millis >= maxMillis) {
            episode = null;
            if (millis - maxMillis > settings.gapMillis()) {
                gaps++;
                findings.gap(this, line, maxMillis, millis);
            }
            maxMillis = millis;
            return;
        }
        findings.idsBehind++;
        if (episode != null) {
            episode.put("ids_behind", episode.get("ids_behind").asLong() + 1);
            if (maxMillis - millis > episode.get("back_ms").asLong()) {
                episode.put("back_ms", maxMillis - millis);
                episode.put("to", Findings.iso(millis));
            }
        } else if (maxMillis - millis > settings.regressionMillis()) {
            regressions++;
            episode = findings.regression(this, line, maxMillis, millis);
        }
    }

    private void tick(long tick, long seq, long line) {
        if (tick == curTick) {
            curIds++;
            curMaxSeq = Math.max(curMaxSeq, seq);
        } else if (tick > curTick) {
            findings.tickDone(this, curTick, curMaxSeq, curIds, curLine);
            startTick(tick, seq, line);
        } else {
            findings.staleTickIds++; // its tick was closed already: an order violation, not counted twice
        }
    }

    private void startTick(long tick, long seq, long line) {
        curTick = tick;
        curMaxSeq = seq;
        curIds = 1;
        curLine = line;
    }

    void finish() {
        peakSecond = Math.max(peakSecond, secondCount);
        if (count > 0) {
            findings.tickDone(this, curTick, curMaxSeq, curIds, curLine);
        }
    }
}
