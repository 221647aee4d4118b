package io.idmint.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidIdException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream of IDs of one bit layout, in the order they were recorded, and reports what an operator looks
 * for: how many, over what time, per worker (counts, rates, hot workers), duplicates, per-worker order
 * violations, clock jumps (timestamp regressions and gaps, with the line where each happened), sequence
 * utilisation per tick (bursts near the cap), and how much of the layout's lifetime the newest ID used.
 *
 * <p><b>Memory.</b> Everything but the duplicate check is constant in the stream's length: per worker a fixed
 * set of counters (the workers are bounded by the layout), a {@link Timeline} of fixed size, and at most
 * {@link Settings#examples()} examples per finding. The duplicate check is exact and external
 * ({@link DuplicateFinder}): a bounded in-memory buffer, then sorted runs on disk.
 *
 * <p><b>Order.</b> Order, clock and tick findings are per worker, in stream order: a stream merged from several
 * workers is fine, but a worker's own IDs are expected in the order they were issued (as a log or an
 * {@code ORDER BY} insertion time gives them). A line that is not an ID is counted and reported with its line
 * number, never fatal. Not thread-safe: one stream, one thread.
 *
 * <p>The parts: {@link IdFields} reads an ID's fields, {@link WorkerStats} follows one worker, {@link Findings}
 * counts and keeps examples over all of them, {@link DuplicateFinder} (and {@link DuplicateLines} for a file)
 * does the duplicate check, {@link ReportWriter} writes the JSON tree {@link Report} renders.
 */
public final class Analyzer implements AutoCloseable {
    private final IdFields fields;
    private final Settings settings;
    private final IdFormat format;
    private final Findings findings;
    private final WorkerStats[] workerArray;
    private final Map<Long, WorkerStats> workerMap;
    private WorkerStats lastWorker;
    private final DuplicateFinder duplicates;
    private final Timeline timeline = new Timeline();

    private long lines;
    private long blankLines;
    private long count;
    private long invalid;
    private final List<ObjectNode> invalidExamples = new ArrayList<>();
    private long firstMillis = Long.MIN_VALUE;
    private long lastMillis;
    private long oldestMillis = Long.MAX_VALUE;
    private long newestMillis = Long.MIN_VALUE;
    private long newestId;

    public Analyzer(BitLayout layout, Settings settings) {
        this.fields = new IdFields(layout);
        this.settings = settings;
        this.format = settings.format();
        this.findings = new Findings(fields, settings);
        int keyBits = fields.keyBits();
        this.workerArray = keyBits <= 16 ? new WorkerStats[1 << keyBits] : null;
        this.workerMap = keyBits <= 16 ? null : new HashMap<>();
        this.duplicates = new DuplicateFinder(settings.sortBufferIds(), settings.tempDir());
    }

    // ------------------------------------------------------------------ input

    /** Reads every line of {@code in} (one ID per line; see {@link #line}); returns the lines read. */
    public long read(InputStream in) throws IOException {
        return LineReader.read(in, this::line);
    }

    /**
     * One line: leading and trailing blanks are ignored, the ID is the text up to the first blank, comma or
     * semicolon (so CSV or log columns after it do not matter); an empty line or one starting with {@code #} is
     * skipped (counted as blank).
     */
    void line(byte[] b, int from, int to, long lineNumber, boolean cut) {
        lines = Math.max(lines, lineNumber);
        from = DuplicateLines.textStart(b, from, to);
        int end = DuplicateLines.idEnd(b, from, to);
        if (end == from || b[from] == '#') {
            blankLines++;
            return;
        }
        if (cut) {
            invalid(lineNumber, new String(b, from, Math.min(end - from, 60), StandardCharsets.ISO_8859_1),
                    "line longer than " + LineReader.MAX_LINE + " bytes");
            return;
        }
        int len = end - from;
        // Fast path: decimal digits that fit a long without question (18 digits or fewer; 13 digits only with --format decimal).
        if (len <= 18 && (format == IdFormat.DECIMAL || (format == null && len != 13))) {
            long v = decimal(b, from, end);
            if (v >= 0) {
                id(v, lineNumber);
                return;
            }
        }
        text(new String(b, from, len, StandardCharsets.ISO_8859_1), lineNumber);
    }

    /** The value of up to 18 decimal digits, or -1 when another character is among them. */
    private static long decimal(byte[] b, int from, int end) {
        long v = 0;
        for (int i = from; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** One ID as text, in {@link Settings#format()} or by the one rule. */
    public void text(String text, long lineNumber) {
        lines = Math.max(lines, lineNumber);
        long v;
        try {
            v = format == null ? IdFormat.parseAuto(text) : format.parse(text);
        } catch (InvalidIdException e) {
            invalid(lineNumber, text, e.getMessage());
            return;
        }
        id(v, lineNumber);
    }

    /** A line (or row) that holds no ID. */
    public void invalid(long lineNumber, String text, String why) {
        lines = Math.max(lines, lineNumber);
        invalid++;
        if (invalidExamples.size() < settings.examples()) {
            ObjectNode n = Findings.JSON.createObjectNode();
            n.put("line", lineNumber);
            n.put("text", text.length() > 60 ? text.substring(0, 60) + "..." : text);
            n.put("error", why);
            invalidExamples.add(n);
        }
    }

    /** One ID, already a number (a {@code BIGINT} column). */
    public void id(long id, long lineNumber) {
        lines = Math.max(lines, lineNumber);
        if (fields.outside(id)) {
            invalid(lineNumber, Long.toUnsignedString(id), whyNotAnId(id));
            return;
        }
        long tick = fields.tick(id);
        long millis = fields.millisOfTick(tick);
        count++;
        duplicates.add(id);
        timeline.add(millis);
        if (firstMillis == Long.MIN_VALUE) {
            firstMillis = millis;
        }
        lastMillis = millis;
        oldestMillis = Math.min(oldestMillis, millis);
        if (millis > newestMillis || (millis == newestMillis && id > newestId)) {
            newestMillis = millis;
            newestId = id;
        }
        worker(fields.key(id)).observe(id, tick, millis, fields.sequence(id), lineNumber);
    }

    private String whyNotAnId(long id) {
        try {
            fields.layout.decode(id);
            return "not an ID of layout '" + fields.layout.name() + "'";
        } catch (InvalidIdException e) {
            return e.getMessage();
        }
    }

    private WorkerStats worker(long key) {
        WorkerStats w = lastWorker;
        if (w != null && w.key == key) {
            return w;
        }
        if (workerArray != null) {
            w = workerArray[(int) key];
            if (w == null) {
                w = workerArray[(int) key] = new WorkerStats(key, findings);
            }
        } else {
            w = workerMap.computeIfAbsent(key, k -> new WorkerStats(k, findings));
        }
        lastWorker = w;
        return w;
    }

    // ------------------------------------------------------------------ the report

    /**
     * Ends the stream: runs the duplicate check and builds the report. {@code rereadable}, when the stream was a
     * file, lets the report name the lines of the duplicate examples (a second pass reading only for them);
     * null for stdin or a query.
     */
    public Report finish(Path rereadable) throws IOException {
        List<WorkerStats> workers = workers();
        workers.forEach(WorkerStats::finish);
        DuplicateFinder.Result dups = duplicates.finish(settings.examples());
        duplicates.close();
        Map<Long, List<Long>> dupLines = rereadable != null && !dups.examples().isEmpty()
                ? DuplicateLines.find(dups.examples(), rereadable, format) : Map.of();
        ReportWriter w = new ReportWriter(fields, settings);
        ObjectNode r = w.root();
        r.put("count", count);
        r.put("lines", lines);
        r.put("blank_lines", blankLines);
        r.put("invalid_lines", invalid);
        r.set("invalid_examples", Findings.JSON.valueToTree(invalidExamples));
        w.layout();
        if (count > 0) {
            w.timeSpan(count, oldestMillis, newestMillis, firstMillis, lastMillis);
        }
        w.perWorker(count, workers);
        w.duplicates(dups, dupLines);
        w.orderAndClock(findings);
        w.sequence(findings);
        if (count > 0) {
            w.lifetime(newestId, newestMillis);
        }
        w.timeline(timeline);
        return new Report(r);
    }

    /** The workers seen, by datacenter then worker. */
    private List<WorkerStats> workers() {
        List<WorkerStats> workers = new ArrayList<>();
        if (workerArray != null) {
            for (WorkerStats w : workerArray) {
                if (w != null) {
                    workers.add(w);
                }
            }
        } else {
            workers.addAll(workerMap.values());
            workers.sort(Comparator.comparingLong(w -> w.key));
        }
        return workers;
    }

    /** Deletes the duplicate check's temporary runs, if {@link #finish} did not get to. */
    @Override
    public void close() {
        duplicates.close();
    }
}
