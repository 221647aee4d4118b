package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.issuing.BatchSize;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The step follows the issue rate, measured on an injected ticker: a burst (the ticker standing still while
 * thousands of IDs go out) doubles it segment after segment up to maxStep; a quiet spell (the ticker ten
 * minutes on while a segment is current) halves it.
 */
class AdaptiveStepTest {

    @Test
    void stepGrowsUnderABurstAndShrinksWhenQuiet() {
        AtomicLong ticker = new AtomicLong();
        try (SegmentStore store = Servers.pgStore(Servers.newDatabase());
             SegmentGenerator g = SegmentGenerator.builder("adaptive").store(store).initialStep(100).minStep(100).maxStep(1_600)
                     .segmentDuration(Duration.ofMinutes(1)).ticker(ticker::get).build()) {
            long[] ids = new long[100];
            for (int i = 0; i < 60; i++) {
                g.issue(ids, 0, BatchSize.of(100));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> step(g) == 1_600);
            assertThat(store.key("adaptive").orElseThrow().nextValue()).as("segments of 100, 200, ... 1,600 taken")
                    .isGreaterThan(100 + 200 + 400 + 800);

            startNewSegment(g);
            ticker.addAndGet(TimeUnit.MINUTES.toNanos(10));
            for (int i = 0; i < 5 && step(g) == 1_600; i++) {
                g.issue(ids, 0, BatchSize.of(100)); // past the refill threshold: a fetch that sees a ten-minute segment
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> step(g) == 800);
        }
    }

    /** Issues one at a time until a segment becomes current, so the quiet spell falls inside one segment's life. */
    private static void startNewSegment(SegmentGenerator g) {
        long[] one = new long[1];
        Object first = current(g).get("first");
        while (first.equals(current(g).get("first"))) {
            g.issue(one, 0, BatchSize.ONE);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> current(SegmentGenerator g) {
        return (Map<String, Object>) g.details().get("current");
    }

    private static int step(SegmentGenerator g) {
        return (int) g.details().get("step");
    }
}
