package io.idmint.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idmint.core.BitLayout;
import io.idmint.core.IdFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per anomaly kind, each on a stream built to contain it, and each first proving that the clean stream
 * it was built from reports none of that kind. The clean stream: four workers issuing three IDs each every
 * 10 ms for 5 s, interleaved in time order, as a log of several services would hold them.
 */
class AnalyzerTest {
    static final BitLayout LAYOUT = BitLayout.DEFAULT;
    static final long T0 = LAYOUT.epochMillis() + 900L * 86_400_000L; // 900 days after the epoch

    @TempDir
    Path tmp;

    List<String> clean;

    @BeforeEach
    void cleanStream() {
        clean = new ArrayList<>();
        for (long t = 0; t < 5_000; t += 10) {
            for (int w = 0; w < 4; w++) {
                for (int seq = 0; seq < 3; seq++) {
                    clean.add(Long.toString(LAYOUT.compose(T0 + t, 0, w, seq)));
                }
            }
        }
    }

    static long id(long offsetMillis, int worker, int seq) {
        return LAYOUT.compose(T0 + offsetMillis, 0, worker, seq);
    }

    JsonNode analyze(List<String> lines) throws Exception {
        return analyze(lines, Settings.defaults().withTempDir(tmp));
    }

    JsonNode analyze(List<String> lines, Settings settings) throws Exception {
        Path file = tmp.resolve("ids-" + System.nanoTime() + ".txt");
        Files.write(file, lines);
        try (Analyzer a = new Analyzer(LAYOUT, settings)) {
            try (var in = Files.newInputStream(file)) {
                a.read(in);
            }
            return a.finish(file).tree();
        }
    }

    @Test
    void theCleanStreamReportsNothing() throws Exception {
        JsonNode r = analyze(clean);
        assertThat(r.get("count").asLong()).isEqualTo(6_000);
        assertThat(r.get("invalid_lines").asLong()).isZero();
        assertThat(r.get("duplicates").get("count").asLong()).isZero();
        assertThat(r.get("order_violations").get("count").asLong()).isZero();
        assertThat(r.get("clock_jumps").get("regressions").asLong()).isZero();
        assertThat(r.get("clock_jumps").get("gaps").asLong()).isZero();
        assertThat(r.get("hot_workers").get("workers")).isEmpty();
        assertThat(r.get("sequence").get("ticks_at_least_50_percent").asLong()).isZero();
        assertThat(r.get("workers").asInt()).isEqualTo(4);
        assertThat(r.get("per_worker")).hasSize(4).allSatisfy(w -> assertThat(w.get("count").asLong()).isEqualTo(1_500));
        assertThat(r.get("time_span").get("span_ms").asLong()).isEqualTo(4_990);
        assertThat(r.get("sequence").get("ticks").asLong()).isEqualTo(2_000);
        assertThat(new Report((com.fasterxml.jackson.databind.node.ObjectNode) r).anomalies()).isFalse();
    }

    @Test
    void duplicatesAreFoundWithTheirLines() throws Exception {
        assertThat(analyze(clean).get("duplicates").get("count").asLong()).isZero();
        List<String> s = new ArrayList<>(clean);
        s.add(3_000, clean.get(100)); // a worker's ID issued again later, e.g. after a restart without its high-water mark
        JsonNode d = analyze(s).get("duplicates");
        assertThat(d.get("count").asLong()).isEqualTo(1);
        assertThat(d.get("distinct_ids").asLong()).isEqualTo(1);
        JsonNode e = d.get("examples").get(0);
        assertThat(e.get("id").asText()).isEqualTo(clean.get(100));
        assertThat(e.get("occurrences").asLong()).isEqualTo(2);
        assertThat(e.get("lines")).extracting(JsonNode::asLong).containsExactly(101L, 3_001L);
    }

    @Test
    void duplicatesAreExactThroughTheExternalSortAndItsMergePasses() throws Exception {
        // 1,024 IDs per run and 100,000 IDs: 98 runs, more than one merge can take, so two passes.
        List<String> s = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            s.add(Long.toString(id(i / 20, i % 4, i % 20 / 4)));
        }
        Settings small = Settings.defaults().withTempDir(tmp).withSortBufferIds(1024);
        JsonNode none = analyze(s, small).get("duplicates");
        assertThat(none.get("count").asLong()).isZero();
        assertThat(none.get("method").asText()).contains("98 runs", "2 merge passes");
        s.add(s.get(5));
        s.add(s.get(99_999));
        s.add(s.get(5));
        JsonNode d = analyze(s, small).get("duplicates");
        assertThat(d.get("count").asLong()).isEqualTo(3);
        assertThat(d.get("distinct_ids").asLong()).isEqualTo(2);
        assertThat(d.get("examples")).extracting(x -> x.get("occurrences").asLong()).containsExactly(3L, 2L);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("the sorted runs are deleted").allMatch(p -> p.getFileName().toString().startsWith("ids-"));
        }
    }

    @Test
    void orderViolationsArePerWorkerWithTheLine() throws Exception {
        assertThat(analyze(clean).get("order_violations").get("count").asLong()).isZero();
        List<String> s = new ArrayList<>(clean);
        // worker 1's IDs of one tick, sequence 1 before 0: same tick, so no clock regression
        int i = clean.indexOf(Long.toString(id(2_000, 1, 0)));
        s.set(i, clean.get(i + 1));
        s.set(i + 1, clean.get(i));
        JsonNode r = analyze(s);
        JsonNode o = r.get("order_violations");
        assertThat(o.get("count").asLong()).isEqualTo(1);
        JsonNode e = o.get("examples").get(0);
        assertThat(e.get("line").asLong()).isEqualTo(i + 2);
        assertThat(e.get("worker").asInt()).isEqualTo(1);
        assertThat(e.get("id").asText()).isEqualTo(Long.toString(id(2_000, 1, 0)));
        assertThat(e.get("previous").asText()).isEqualTo(Long.toString(id(2_000, 1, 1)));
        assertThat(r.get("clock_jumps").get("regressions").asLong()).isZero();
        assertThat(r.get("duplicates").get("count").asLong()).isZero();
        assertThat(r.get("per_worker").get(1).get("order_violations").asLong()).isEqualTo(1);
        assertThat(r.get("per_worker").get(0).get("order_violations").asLong()).isZero();
    }

    @Test
    void aClockRegressionIsOneEpisodeWithWhereAndHowFarBack() throws Exception {
        assertThat(analyze(clean).get("clock_jumps").get("regressions").asLong()).isZero();
        // worker 2's clock steps back 500 ms at 3 s: its next five IDs carry 2.5 s .. 2.54 s, then it is fixed
        List<String> s = new ArrayList<>();
        int line = 0;
        int regressionLine = -1;
        for (String text : clean) {
            long v = Long.parseLong(text);
            var d = LAYOUT.decode(v);
            long offset = d.timestamp().toEpochMilli() - T0;
            if (d.worker() == 2 && offset >= 3_000 && offset < 3_050) {
                s.add(Long.toString(id(offset - 500, 2, d.sequence() + 3)));
                if (regressionLine < 0) {
                    regressionLine = line + 1;
                }
            } else {
                s.add(text);
            }
            line++;
        }
        JsonNode r = analyze(s);
        JsonNode cj = r.get("clock_jumps");
        assertThat(cj.get("regressions").asLong()).isEqualTo(1);
        assertThat(cj.get("ids_behind").asLong()).isEqualTo(15);
        JsonNode e = cj.get("events").get(0);
        assertThat(e.get("kind").asText()).isEqualTo("regression");
        assertThat(e.get("line").asLong()).isEqualTo(regressionLine);
        assertThat(e.get("worker").asInt()).isEqualTo(2);
        assertThat(e.get("back_ms").asLong()).isEqualTo(490); // newest was 2.99 s; the deepest ID of the episode 2.5 s
        assertThat(e.get("ids_behind").asLong()).isEqualTo(15);
        assertThat(r.get("per_worker").get(2).get("regressions").asLong()).isEqualTo(1);
        assertThat(r.get("clock_jumps").get("gaps").asLong()).isZero();
        // a threshold above the step hides it
        assertThat(analyze(s, Settings.defaults().withTempDir(tmp).withRegressionMillis(600)).get("clock_jumps")
                .get("regressions").asLong()).isZero();
    }

    @Test
    void aGapIsReportedWhereTheWorkerJumpedForward() throws Exception {
        assertThat(analyze(clean).get("clock_jumps").get("gaps").asLong()).isZero();
        // worker 3 falls silent from 1 s to 4 s and then its clock runs 30 s ahead
        List<String> s = new ArrayList<>();
        int gapLine = -1;
        for (String text : clean) {
            var d = LAYOUT.decode(Long.parseLong(text));
            long offset = d.timestamp().toEpochMilli() - T0;
            if (d.worker() == 3 && offset >= 1_000) {
                if (offset < 4_000) {
                    continue;
                }
                s.add(Long.toString(id(offset + 30_000, 3, d.sequence())));
                if (gapLine < 0) {
                    gapLine = s.size();
                }
            } else {
                s.add(text);
            }
        }
        JsonNode cj = analyze(s).get("clock_jumps");
        assertThat(cj.get("gaps").asLong()).isEqualTo(1);
        JsonNode e = cj.get("events").get(0);
        assertThat(e.get("kind").asText()).isEqualTo("gap");
        assertThat(e.get("line").asLong()).isEqualTo(gapLine);
        assertThat(e.get("worker").asInt()).isEqualTo(3);
        assertThat(e.get("gap_ms").asLong()).isEqualTo(34_000 - 990);
        assertThat(cj.get("regressions").asLong()).isZero();
        assertThat(analyze(s, Settings.defaults().withTempDir(tmp).withGapMillis(40_000)).get("clock_jumps").get("gaps").asLong()).isZero();
    }

    @Test
    void aHotWorkerStandsOut() throws Exception {
        assertThat(analyze(clean).get("hot_workers").get("workers")).isEmpty();
        List<String> s = new ArrayList<>();
        for (long t = 0; t < 5_000; t += 10) {
            for (int w = 0; w < 4; w++) {
                for (int seq = 0; seq < (w == 3 ? 30 : 3); seq++) {
                    s.add(Long.toString(id(t, w, seq)));
                }
            }
        }
        JsonNode r = analyze(s);
        JsonNode hot = r.get("hot_workers").get("workers");
        assertThat(hot).hasSize(1);
        assertThat(hot.get(0).get("worker").asInt()).isEqualTo(3);
        assertThat(hot.get(0).get("times_mean").asDouble()).isCloseTo(30.0 / 9.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.get("per_worker").get(3).get("ids_per_second").asDouble()).isCloseTo(15_000 / 4.991, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.get("per_worker").get(3).get("peak_ids_in_a_second").asLong()).isEqualTo(3_000);
    }

    @Test
    void aBurstNearTheSequenceCapIsReportedWithItsTick() throws Exception {
        assertThat(analyze(clean).get("sequence").get("ticks_at_least_burst_ratio").asLong()).isZero();
        List<String> s = new ArrayList<>(clean);
        int at = clean.indexOf(Long.toString(id(2_500, 0, 2))) + 1;
        List<String> burst = new ArrayList<>();
        for (int seq = 3; seq < 3_500; seq++) { // worker 0 uses 3,500 of 4,096 in the tick at 2.5 s: 85 %
            burst.add(Long.toString(id(2_500, 0, seq)));
        }
        s.addAll(at, burst);
        JsonNode seq = analyze(s).get("sequence");
        assertThat(seq.get("ticks_at_least_burst_ratio").asLong()).isEqualTo(1);
        assertThat(seq.get("ticks_at_least_50_percent").asLong()).isEqualTo(1);
        assertThat(seq.get("ticks_full").asLong()).isZero();
        assertThat(seq.get("max_sequence").asLong()).isEqualTo(3_499);
        JsonNode b = seq.get("bursts").get(0);
        assertThat(b.get("worker").asInt()).isZero();
        assertThat(b.get("line").asLong()).isEqualTo(at - 2); // the tick's first ID
        assertThat(b.get("max_sequence").asLong()).isEqualTo(3_499);
        assertThat(b.get("ids_seen").asLong()).isEqualTo(3_500);
        assertThat(b.get("utilisation").asDouble()).isEqualTo(3_500 / 4096.0);
        assertThat(seq.get("histogram").get(8).get("ticks").asLong()).isEqualTo(1);
    }

    @Test
    void invalidLinesAreCountedWithTheirLineNumbersAndNeverStopTheRun() throws Exception {
        assertThat(analyze(clean).get("invalid_lines").asLong()).isZero();
        List<String> s = new ArrayList<>(clean);
        s.add(10, "hello");
        s.add(20, "1234567890123");                 // 13 digits: decimal or base32?
        s.add(30, "18446744073709551615");          // 64 bits set: negative as a signed ID
        s.add(40, "");                              // blank: skipped, not invalid
        s.add(50, "# a comment");
        s.add(60, clean.get(60) + ",2026-01-01,extra columns");
        JsonNode r = analyze(s);
        assertThat(r.get("invalid_lines").asLong()).isEqualTo(3);
        assertThat(r.get("blank_lines").asLong()).isEqualTo(2);
        assertThat(r.get("count").asLong()).isEqualTo(6_001);
        assertThat(r.get("invalid_examples")).extracting(e -> e.get("line").asLong()).containsExactly(11L, 21L, 31L);
        assertThat(r.get("invalid_examples").get(1).get("error").asText()).contains("ambiguous");
        assertThat(r.get("invalid_examples").get(2).get("error").asText()).contains("layout 'default'");
        assertThat(r.get("duplicates").get("count").asLong()).as("line 61 repeats line 61's ID of the clean stream").isEqualTo(1);
    }

    @Test
    void otherFormatsAndLayoutsRead() throws Exception {
        List<String> s = new ArrayList<>();
        for (String text : clean.subList(0, 100)) {
            s.add(IdFormat.BASE32.format(Long.parseLong(text)));
            s.add("0x" + IdFormat.HEX.format(Long.parseLong(text) + 1_000_000_000L));
        }
        JsonNode r = analyze(s);
        assertThat(r.get("count").asLong()).isEqualTo(200);
        assertThat(r.get("invalid_lines").asLong()).isZero();
        try (Analyzer a = new Analyzer(BitLayout.preset("sonyflake"), Settings.defaults().withTempDir(tmp))) {
            BitLayout sony = BitLayout.preset("sonyflake");
            long t = sony.epochMillis() + 100_000;
            for (int i = 0; i < 256; i++) {
                a.id(sony.compose(t, 0, 7, i), i + 1);
            }
            JsonNode sr = a.finish(null).tree();
            assertThat(sr.get("per_worker").get(0).get("worker").asInt()).isEqualTo(7);
            assertThat(sr.get("sequence").get("ticks_full").asLong()).isEqualTo(1);
        }
    }

    @Test
    void lifetimeUsedIsTheNewestIds() throws Exception {
        JsonNode life = analyze(clean).get("lifetime");
        long newest = T0 + 4_990;
        assertThat(life.get("used").asDouble()).isEqualTo(LAYOUT.lifetimeUsed(newest));
        assertThat(life.get("newest_id").asText()).isEqualTo(Long.toString(id(4_990, 3, 2)));
        assertThat(life.get("end_of_life").asText()).isEqualTo("2093-09-06T15:47:35.552Z");
    }

    @Test
    void theReportsRender() throws Exception {
        List<String> s = new ArrayList<>(clean);
        s.add(5, "<script>alert(1)</script>");
        s.add(clean.get(0));
        JsonNode tree = analyze(s);
        Report report = new Report((com.fasterxml.jackson.databind.node.ObjectNode) tree);
        assertThat(report.anomalies()).isTrue();
        assertThat(report.text()).contains("duplicates   1 extra copies of 1 IDs", "line 6: '<script>alert(1)</script>'");
        String html = report.html("test <report>");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "test &lt;report&gt;", "&lt;script&gt;")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(tree.get("timeline").get("counts").size()).isBetween(2, Timeline.BUCKETS);
        long sum = 0;
        for (JsonNode c : tree.get("timeline").get("counts")) {
            sum += c.asLong();
        }
        assertThat(sum).isEqualTo(tree.get("count").asLong());
    }

    @Test
    void streamsFromStdinLikeFilesWithCrLfAndNoFinalNewline() throws Exception {
        String text = String.join("\r\n", clean.subList(0, 50)) + "\r\n" + "x".repeat(10_000) + "\n" + clean.get(50);
        try (Analyzer a = new Analyzer(LAYOUT, Settings.defaults().withTempDir(tmp))) {
            assertThat(a.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(52);
            JsonNode r = a.finish(null).tree();
            assertThat(r.get("count").asLong()).isEqualTo(51);
            assertThat(r.get("invalid_examples").get(0).get("line").asLong()).isEqualTo(51);
            assertThat(r.get("invalid_examples").get(0).get("error").asText()).contains("longer than");
        }
    }

    @Test
    void theTimelineWidensToCoverTimestampsInAnyOrder() {
        Timeline t = new Timeline();
        long total = 0;
        long[] times = {1_000_000, 1_000_005, 999_000, 5_000_000, 1_000_000, 10};
        for (long ms : times) {
            t.add(ms);
            total++;
        }
        Timeline.Buckets b = t.trimmed();
        assertThat(b.startMillis()).isLessThanOrEqualTo(10);
        assertThat(b.startMillis() + b.widthMillis() * b.counts().length).isGreaterThan(5_000_000);
        assertThat(java.util.Arrays.stream(b.counts()).sum()).isEqualTo(total);
        assertThat(b.counts()[0]).isEqualTo(1);
    }
}
