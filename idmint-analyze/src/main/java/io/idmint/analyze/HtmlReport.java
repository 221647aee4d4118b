package io.idmint.analyze;

import static io.idmint.analyze.Report.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline style, charts drawn as inline SVG, no script and nothing
 * loaded from anywhere, so it can be mailed or attached to a ticket as it is.
 */
final class HtmlReport {
    private HtmlReport() {}

    static String render(JsonNode r, String title) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328;max-width:1200px}")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #d0d7de}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{padding:3px 10px;border-bottom:1px solid #eaeef2;text-align:left}")
                .append("th{color:#656d76}.num{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#cf222e;font-weight:600}")
                .append(".ok{color:#1a7f37}.muted{color:#656d76}svg text{font-size:10px;fill:#656d76}pre{background:#f6f8fa;padding:8px}")
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        summary(h, r);
        h.append("<h2>IDs over time</h2>\n");
        timeline(h, r);
        h.append("<h2>Per worker</h2>\n");
        workersChart(h, r);
        h.append("<h2>Sequence utilisation per tick</h2>\n");
        utilisation(h, r);
        findings(h, r);
        workersTable(h, r);
        h.append("<p class=\"muted\">Written by <code>idmint analyze</code>. IDs are shown as decimal text; times in UTC.</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, JsonNode r) {
        JsonNode lay = r.get("layout");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"layout", lay.get("name").asText() + " (" + lay.get("bits").asText() + "), tick "
                + lay.get("tick_millis").asLong() + " ms, epoch " + lay.get("epoch").asText(), ""});
        rows.add(new String[] {"IDs", fmt("%,d of %,d lines", r.get("count").asLong(), r.get("lines").asLong()), ""});
        rows.add(new String[] {"invalid lines", fmt("%,d", r.get("invalid_lines").asLong()), r.get("invalid_lines").asLong() > 0 ? "bad" : "ok"});
        JsonNode span = r.get("time_span");
        if (span != null) {
            rows.add(new String[] {"time span", span.get("oldest").asText() + " .. " + span.get("newest").asText() + " ("
                    + Report.duration(span.get("span_ms").asLong()) + fmt(", %,.0f IDs/s)", span.get("ids_per_second").asDouble()), ""});
        }
        rows.add(new String[] {"workers", fmt("%,d (%d hot)", r.get("workers").asLong(), r.get("hot_workers").get("workers").size()),
                r.get("hot_workers").get("workers").size() > 0 ? "bad" : "ok"});
        JsonNode d = r.get("duplicates");
        rows.add(new String[] {"duplicates", fmt("%,d", d.get("count").asLong()) + " (" + d.get("method").asText() + ")",
                d.get("count").asLong() > 0 ? "bad" : "ok"});
        long ov = r.get("order_violations").get("count").asLong();
        rows.add(new String[] {"order violations", fmt("%,d", ov), ov > 0 ? "bad" : "ok"});
        JsonNode cj = r.get("clock_jumps");
        rows.add(new String[] {"clock regressions", fmt("%,d (%,d IDs behind)", cj.get("regressions").asLong(), cj.get("ids_behind").asLong()),
                cj.get("regressions").asLong() > 0 ? "bad" : "ok"});
        rows.add(new String[] {"gaps over " + cj.get("gap_threshold_ms").asLong() + " ms", fmt("%,d", cj.get("gaps").asLong()), ""});
        JsonNode s = r.get("sequence");
        rows.add(new String[] {"ticks near the cap", fmt("%,d of %,d at least %.0f %% (%,d full); highest %.1f %%",
                s.get("ticks_at_least_burst_ratio").asLong(), s.get("ticks").asLong(), s.get("burst_ratio").asDouble() * 100,
                s.get("ticks_full").asLong(), s.get("max_utilisation").asDouble() * 100), s.get("ticks_at_least_burst_ratio").asLong() > 0 ? "bad" : ""});
        JsonNode life = r.get("lifetime");
        if (life != null) {
            rows.add(new String[] {"lifetime used", fmt("%.2f %% by the newest ID (%s); end of life %s, %,d days left",
                    life.get("used").asDouble() * 100, life.get("newest").asText(), life.get("end_of_life").asText(),
                    life.get("remaining_days").asLong()), ""});
        }
        h.append("<table>");
        for (String[] row : rows) {
            h.append("<tr><th>").append(esc(row[0])).append("</th><td class=\"").append(row[2]).append("\">").append(esc(row[1]))
                    .append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void timeline(StringBuilder h, JsonNode r) {
        JsonNode tl = r.get("timeline");
        if (tl == null) {
            h.append("<p class=\"muted\">no IDs</p>\n");
            return;
        }
        JsonNode counts = tl.get("counts");
        long start = tl.get("start_ms").asLong();
        long width = tl.get("bucket_ms").asLong();
        long end = start + width * counts.size();
        long max = 1;
        for (JsonNode c : counts) {
            max = Math.max(max, c.asLong());
        }
        int w = 1000;
        int ht = 220;
        int left = 60;
        int bottom = 30;
        double plotW = w - left - 10;
        double plotH = ht - bottom - 10;
        h.append("<svg viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" width=\"100%\" role=\"img\">");
        axisY(h, left, 10, plotW, plotH, max, "IDs per " + Report.duration(width));
        double bw = plotW / counts.size();
        for (int i = 0; i < counts.size(); i++) {
            double v = counts.get(i).asLong() / (double) max * plotH;
            h.append(fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#0969da\"/>",
                    left + i * bw, 10 + plotH - v, Math.max(0.5, bw - 0.5), v));
        }
        for (JsonNode e : r.get("clock_jumps").get("events")) {
            double x = left + (e.get("at_ms").asLong() - start) / (double) Math.max(1, end - start) * plotW;
            String color = e.get("kind").asText().equals("regression") ? "#cf222e" : "#bf8700";
            h.append(fmt("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"10\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"><title>%s</title></line>",
                    x, x, 10 + plotH, color, esc(e.get("kind").asText() + " at line " + e.get("line").asLong())));
        }
        h.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>", left, ht - 8, esc(tl.get("start").asText())));
        h.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", w - 10, ht - 8,
                esc(java.time.Instant.ofEpochMilli(end).toString())));
        h.append("</svg>\n<p class=\"muted\">Dashed lines: clock regressions (red) and gaps (amber) of the examples below.</p>\n");
    }

    private static void workersChart(StringBuilder h, JsonNode r) {
        List<JsonNode> ws = new ArrayList<>();
        r.get("per_worker").forEach(ws::add);
        if (ws.isEmpty()) {
            h.append("<p class=\"muted\">no workers</p>\n");
            return;
        }
        ws.sort(Comparator.comparingLong((JsonNode x) -> x.get("count").asLong()).reversed());
        List<JsonNode> top = ws.subList(0, Math.min(48, ws.size()));
        long max = Math.max(1, top.get(0).get("count").asLong());
        double mean = r.get("hot_workers").get("mean_count").asDouble();
        int w = 1000;
        int row = 16;
        int left = 120;
        int ht = top.size() * row + 20;
        double plotW = w - left - 80;
        h.append("<svg viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" width=\"100%\" role=\"img\">");
        for (int i = 0; i < top.size(); i++) {
            JsonNode x = top.get(i);
            double len = x.get("count").asLong() / (double) max * plotW;
            int y = i * row + 4;
            h.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">dc %d worker %d</text>", left - 6, y + 11,
                    x.get("datacenter").asInt(), x.get("worker").asInt()));
            h.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", left, y, Math.max(1, len), row - 4,
                    x.get("hot").asBoolean() ? "#cf222e" : "#0969da"));
            h.append(fmt("<text x=\"%.1f\" y=\"%d\">%,d</text>", left + len + 4, y + 11, x.get("count").asLong()));
        }
        double mx = left + mean / max * plotW;
        h.append(fmt("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#57606a\" stroke-dasharray=\"4 3\"/>", mx, mx, ht - 14));
        h.append(fmt("<text x=\"%.1f\" y=\"%d\">mean</text>", mx + 3, ht - 4));
        h.append("</svg>\n");
        if (ws.size() > top.size()) {
            h.append(fmt("<p class=\"muted\">the %d busiest of %,d workers</p>%n", top.size(), ws.size()));
        }
    }

    private static void utilisation(StringBuilder h, JsonNode r) {
        JsonNode s = r.get("sequence");
        JsonNode hist = s.get("histogram");
        long max = 1;
        for (JsonNode b : hist) {
            max = Math.max(max, b.get("ticks").asLong());
        }
        int w = 1000;
        int ht = 200;
        int left = 60;
        int bottom = 30;
        double plotW = w - left - 10;
        double plotH = ht - bottom - 10;
        double logMax = Math.log10(1 + max);
        h.append("<svg viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" width=\"100%\" role=\"img\">");
        h.append(fmt("<text x=\"%d\" y=\"12\">ticks (log scale)</text>", 4));
        double bw = plotW / hist.size();
        for (int i = 0; i < hist.size(); i++) {
            long c = hist.get(i).get("ticks").asLong();
            double v = Math.log10(1 + c) / logMax * plotH;
            String color = i >= 8 ? "#cf222e" : i >= 5 ? "#bf8700" : "#1a7f37";
            h.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", left + i * bw + 2, 10 + plotH - v,
                    bw - 4, v, color));
            h.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%,d</text>", left + i * bw + bw / 2, 8 + plotH - v, c));
            h.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d–%d %%</text>", left + i * bw + bw / 2, ht - 8, i * 10, i * 10 + 10));
        }
        for (double t : new double[] {0.5, s.get("burst_ratio").asDouble()}) {
            double x = left + t * plotW;
            h.append(fmt("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"10\" y2=\"%.1f\" stroke=\"#57606a\" stroke-dasharray=\"4 3\"/>", x, x, 10 + plotH));
            h.append(fmt("<text x=\"%.1f\" y=\"20\">%.0f %%</text>", x + 3, t * 100));
        }
        h.append("</svg>\n");
        h.append(fmt("<p class=\"muted\">Each tick of each worker, by the highest sequence it used out of %,d. %,d ticks; thresholds 50 %% and %.0f %%.</p>%n",
                s.get("capacity_per_tick").asLong(), s.get("ticks").asLong(), s.get("burst_ratio").asDouble() * 100));
    }

    private static void findings(StringBuilder h, JsonNode r) {
        table(h, "Invalid lines", r.get("invalid_lines").asLong(), r.get("invalid_examples"), new String[] {"line", "text", "error"});
        JsonNode d = r.get("duplicates");
        table(h, "Duplicates", d.get("distinct_ids").asLong(), d.get("examples"),
                new String[] {"id", "occurrences", "lines", "timestamp", "datacenter", "worker", "sequence"});
        JsonNode o = r.get("order_violations");
        table(h, "Order violations", o.get("count").asLong(), o.get("examples"),
                new String[] {"line", "datacenter", "worker", "previous", "id", "previous_timestamp", "timestamp", "equal"});
        JsonNode cj = r.get("clock_jumps");
        table(h, "Clock jumps", cj.get("regressions").asLong() + cj.get("gaps").asLong(), cj.get("events"),
                new String[] {"kind", "line", "datacenter", "worker", "from", "to", "back_ms", "gap_ms", "ids_behind"});
        JsonNode s = r.get("sequence");
        table(h, "Bursts near the cap", s.get("ticks_at_least_burst_ratio").asLong(), s.get("bursts"),
                new String[] {"line", "datacenter", "worker", "tick", "max_sequence", "utilisation", "ids_seen"});
    }

    private static void table(StringBuilder h, String title, long total, JsonNode rows, String[] columns) {
        h.append("<h2>").append(esc(title)).append(fmt(" <span class=\"muted\">%,d", total));
        if (rows.size() < total) {
            h.append(fmt(", the first %d shown", rows.size()));
        }
        h.append("</span></h2>\n");
        if (rows.size() == 0) {
            h.append("<p class=\"ok\">none</p>\n");
            return;
        }
        h.append("<table><tr>");
        for (String c : columns) {
            h.append("<th>").append(esc(c.replace('_', ' '))).append("</th>");
        }
        h.append("</tr>");
        for (JsonNode row : rows) {
            h.append("<tr>");
            for (String c : columns) {
                JsonNode v = row.get(c);
                String text = v == null ? "" : v.isArray() ? v.toString() : v.isDouble() ? fmt("%.3f", v.asDouble()) : v.asText();
                h.append(v != null && v.isNumber() ? "<td class=\"num\">" : "<td>").append(esc(text)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void workersTable(StringBuilder h, JsonNode r) {
        table(h, "Workers", r.get("workers").asLong(), limited(r.get("per_worker"), 1024), new String[] {"datacenter", "worker", "count",
                "share", "ids_per_second", "peak_ids_in_a_second", "hot", "order_violations", "regressions", "gaps", "burst_ticks", "first", "last"});
    }

    private static JsonNode limited(JsonNode arr, int n) {
        if (arr.size() <= n) {
            return arr;
        }
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < n; i++) {
            out.add(arr.get(i));
        }
        return out;
    }

    private static void axisY(StringBuilder h, int left, int top, double plotW, double plotH, long max, String label) {
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH * (1 - i / 4.0);
            h.append(fmt("<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eaeef2\"/>", left, left + plotW, y, y));
            h.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>", left - 4, y + 3, Math.round(max * i / 4.0)));
        }
        h.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>", left + 4, top + 10, esc(label)));
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
