package io.idmint.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * What {@link Analyzer#finish} found, as one JSON tree (IDs as strings: JSON numbers lose 64-bit integers), and
 * the two renderings of it: a text summary for people and a self-contained HTML page ({@link HtmlReport}).
 * Top-level keys include {@code count}, {@code duplicates}, {@code order_violations}, {@code clock_jumps},
 * {@code per_worker}, {@code sequence}, {@code lifetime}, {@code invalid_lines}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root;

    Report(ObjectNode root) {
        this.root = root;
    }

    public JsonNode tree() {
        return root;
    }

    public String json() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String html(String title) {
        return HtmlReport.render(root, title);
    }

    /** Whether anything an operator must look at was found: duplicates, order violations, regressions or invalid lines. */
    public boolean anomalies() {
        return root.get("duplicates").get("count").asLong() > 0 || root.get("order_violations").get("count").asLong() > 0
                || root.get("clock_jumps").get("regressions").asLong() > 0 || root.get("invalid_lines").asLong() > 0;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        JsonNode lay = root.get("layout");
        row(sb, "layout", lay.get("name").asText() + " (" + lay.get("bits").asText() + "), tick " + lay.get("tick_millis").asLong()
                + " ms, end of life " + lay.get("end_of_life").asText());
        row(sb, "lines", fmt("%,d read: %,d IDs, %,d invalid, %,d blank or comments", root.get("lines").asLong(),
                root.get("count").asLong(), root.get("invalid_lines").asLong(), root.get("blank_lines").asLong()));
        JsonNode span = root.get("time_span");
        if (span != null) {
            row(sb, "time span", span.get("oldest").asText() + " .. " + span.get("newest").asText() + " ("
                    + duration(span.get("span_ms").asLong()) + "), " + fmt("%,.0f IDs/s", span.get("ids_per_second").asDouble()));
        }
        JsonNode hot = root.get("hot_workers");
        StringBuilder hotText = new StringBuilder();
        for (JsonNode h : hot.get("workers")) {
            hotText.append(hotText.length() == 0 ? "" : ", ").append(fmt("dc %d worker %d (%,d IDs, %.1f× the mean)",
                    h.get("datacenter").asInt(), h.get("worker").asInt(), h.get("count").asLong(), h.get("times_mean").asDouble()));
        }
        row(sb, "workers", fmt("%,d", root.get("workers").asLong()) + "; hot (over " + hot.get("factor").asDouble()
                + "× the mean of " + fmt("%,.0f", hot.get("mean_count").asDouble()) + "): "
                + (hotText.length() == 0 ? "none" : hotText));
        JsonNode d = root.get("duplicates");
        row(sb, "duplicates", fmt("%,d extra copies of %,d IDs", d.get("count").asLong(), d.get("distinct_ids").asLong())
                + " (" + d.get("method").asText() + ")");
        row(sb, "order", fmt("%,d violations (an ID not above the previous ID of its worker)", root.get("order_violations").get("count").asLong()));
        JsonNode cj = root.get("clock_jumps");
        row(sb, "clock", fmt("%,d regressions (%,d IDs behind their worker's newest), %,d gaps over %,d ms",
                cj.get("regressions").asLong(), cj.get("ids_behind").asLong(), cj.get("gaps").asLong(), cj.get("gap_threshold_ms").asLong()));
        JsonNode seq = root.get("sequence");
        row(sb, "sequence", fmt("%,d ticks; at least 50 %%: %,d; at least %.0f %%: %,d; full: %,d; highest %.1f %% of %,d per tick",
                seq.get("ticks").asLong(), seq.get("ticks_at_least_50_percent").asLong(), seq.get("burst_ratio").asDouble() * 100,
                seq.get("ticks_at_least_burst_ratio").asLong(), seq.get("ticks_full").asLong(),
                seq.get("max_utilisation").asDouble() * 100, seq.get("capacity_per_tick").asLong()));
        JsonNode life = root.get("lifetime");
        if (life != null) {
            row(sb, "lifetime", fmt("the newest ID (%s) used %.2f %% of the layout's lifetime; %,d days left, end of life %s",
                    life.get("newest").asText(), life.get("used").asDouble() * 100, life.get("remaining_days").asLong(),
                    life.get("end_of_life").asText()));
        }
        section(sb, "invalid lines", root.get("invalid_lines").asLong(), root.get("invalid_examples"), e ->
                fmt("line %d: '%s': %s", e.get("line").asLong(), e.get("text").asText(), e.get("error").asText()));
        section(sb, "duplicates", d.get("distinct_ids").asLong(), d.get("examples"), e ->
                e.get("id").asText() + " ×" + e.get("occurrences").asLong() + (e.has("lines") ? " at lines " + join(e.get("lines")) : "")
                        + fmt(" (%s, dc %d worker %d sequence %d)", e.get("timestamp").asText(), e.get("datacenter").asInt(),
                        e.get("worker").asInt(), e.get("sequence").asInt()));
        section(sb, "order violations", root.get("order_violations").get("count").asLong(), root.get("order_violations").get("examples"), e ->
                fmt("line %d: dc %d worker %d: %s (%s) after %s (%s)%s", e.get("line").asLong(), e.get("datacenter").asInt(),
                        e.get("worker").asInt(), e.get("id").asText(), e.get("timestamp").asText(), e.get("previous").asText(),
                        e.get("previous_timestamp").asText(), e.get("equal").asBoolean() ? ", equal" : ""));
        section(sb, "clock jumps", cj.get("regressions").asLong() + cj.get("gaps").asLong(), cj.get("events"), e ->
                e.get("kind").asText().equals("regression")
                        ? fmt("line %d: dc %d worker %d: regression from %s to %s (%,d ms back, %,d IDs behind)", e.get("line").asLong(),
                        e.get("datacenter").asInt(), e.get("worker").asInt(), e.get("from").asText(), e.get("to").asText(),
                        e.get("back_ms").asLong(), e.get("ids_behind").asLong())
                        : fmt("line %d: dc %d worker %d: gap from %s to %s (%,d ms)", e.get("line").asLong(),
                        e.get("datacenter").asInt(), e.get("worker").asInt(), e.get("from").asText(), e.get("to").asText(),
                        e.get("gap_ms").asLong()));
        section(sb, "bursts near the cap", seq.get("ticks_at_least_burst_ratio").asLong(), seq.get("bursts"), e ->
                fmt("line %d: dc %d worker %d: tick %s used sequence 0..%d (%.1f %%), %,d IDs seen", e.get("line").asLong(),
                        e.get("datacenter").asInt(), e.get("worker").asInt(), e.get("tick").asText(), e.get("max_sequence").asLong(),
                        e.get("utilisation").asDouble() * 100, e.get("ids_seen").asLong()));
        JsonNode workers = root.get("per_worker");
        if (workers.size() > 0) {
            sb.append("\nper worker:\n");
            sb.append(fmt("  %4s %6s %14s %7s %12s %10s %8s %8s %6s %7s%n", "dc", "worker", "IDs", "share", "IDs/s", "peak/s",
                    "order", "regress", "gaps", "bursts"));
            int shown = 0;
            for (JsonNode w : workers) {
                if (shown++ == 64) {
                    sb.append(fmt("  ... %,d more in --json%n", workers.size() - 64));
                    break;
                }
                sb.append(fmt("  %4d %6d %14s %6.1f%% %12s %10s %8d %8d %6d %7d%s%n", w.get("datacenter").asInt(), w.get("worker").asInt(),
                        fmt("%,d", w.get("count").asLong()), w.get("share").asDouble() * 100, fmt("%,.0f", w.get("ids_per_second").asDouble()),
                        fmt("%,d", w.get("peak_ids_in_a_second").asLong()), w.get("order_violations").asLong(), w.get("regressions").asLong(),
                        w.get("gaps").asLong(), w.get("burst_ticks").asLong(), w.get("hot").asBoolean() ? "  HOT" : ""));
            }
        }
        return sb.toString();
    }

    private interface Line {
        String of(JsonNode e);
    }

    private static void section(StringBuilder sb, String title, long total, JsonNode examples, Line line) {
        if (examples == null || examples.size() == 0) {
            return;
        }
        sb.append('\n').append(title).append(examples.size() < total ? fmt(" (the first %d of %,d)", examples.size(), total) : "")
                .append(":\n");
        for (JsonNode e : examples) {
            sb.append("  ").append(line.of(e)).append('\n');
        }
    }

    private static String join(JsonNode arr) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode x : arr) {
            sb.append(sb.length() == 0 ? "" : ", ").append(x.asLong());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-12s %s%n", key, value));
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return fmt("%.1f s", ms / 1e3);
        }
        if (ms < 7_200_000) {
            return fmt("%.1f min", ms / 6e4);
        }
        if (ms < 172_800_000) {
            return fmt("%.1f h", ms / 3.6e6);
        }
        return fmt("%.1f days", ms / 8.64e7);
    }
}
