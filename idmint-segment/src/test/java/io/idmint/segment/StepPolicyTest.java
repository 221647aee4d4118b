package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rule itself: lifetime projected from the use so far, doubling under half the target, halving over twice, bounded. */
class StepPolicyTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private static Segment used(int size, int used, long activatedNanos) {
        Segment s = new Segment(1, size, 1, 0, 0.25);
        s.activatedNanos = activatedNanos;
        s.fill(new long[used], 0, used);
        return s;
    }

    @Test
    void doublesHalvesOrKeepsByProjectedLifetime() {
        StepPolicy p = new StepPolicy(1_000, 100, 4_000, MINUTE);
        assertThat(p.propose(Segment.NONE, 0)).as("no segment yet: the initial step").isEqualTo(1_000);
        // 250 of 1,000 used in 5 s: a segment lasts 20 s < 30 s
        assertThat(p.propose(used(1_000, 250, 0), TimeUnit.SECONDS.toNanos(5))).isEqualTo(2_000);
        // 250 in 15 s: 60 s, on target
        assertThat(p.propose(used(1_000, 250, 0), TimeUnit.SECONDS.toNanos(15))).isEqualTo(1_000);
        // 250 in 40 s: 160 s > 120 s
        assertThat(p.propose(used(1_000, 250, 0), TimeUnit.SECONDS.toNanos(40))).isEqualTo(500);
        assertThat(p.step()).as("proposals change nothing until accepted").isEqualTo(1_000);
    }

    @Test
    void staysWithinBounds() {
        StepPolicy p = new StepPolicy(4_000, 100, 4_000, MINUTE);
        assertThat(p.propose(used(4_000, 4_000, 0), 0)).isEqualTo(4_000);
        p.accept(100);
        assertThat(p.propose(used(100, 100, 0), 60 * MINUTE)).isEqualTo(100);
        p.accept(150);
        assertThat(p.propose(used(150, 150, 0), 60 * MINUTE)).isEqualTo(100);
    }
}
