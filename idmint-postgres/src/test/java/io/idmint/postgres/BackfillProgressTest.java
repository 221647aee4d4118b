package io.idmint.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the backfill shows: a bar on a terminal, a line in a pipe, both with rate and ETA. */
class BackfillProgressTest {
    @Test
    void aQuarterDoneInFiveSecondsShowsItsRateAndFifteenSecondsLeft() {
        BackfillProgress p = new BackfillProgress(125_000, 500_000, Duration.ofSeconds(5));
        assertThat(p.rate()).isEqualTo(25_000.0);
        assertThat(p.eta()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.line()).isEqualTo("125,000/500,000 rows (25.0%), 25,000 rows/s, ETA 15 s");
        assertThat(p.bar(20)).isEqualTo("[#####---------------] " + p.line());
    }

    @Test
    void beforeTheFirstBatchThereIsNoEtaAndLongRunsShowHours() {
        assertThat(new BackfillProgress(0, 10, Duration.ZERO).line()).endsWith("0 rows/s, ETA -");
        assertThat(new BackfillProgress(1_000, 5_000_000, Duration.ofSeconds(1)).line()).endsWith("ETA 1:23:19");
        assertThat(new BackfillProgress(0, 0, Duration.ofSeconds(1)).bar(4)).startsWith("[####] 0/0 rows (100.0%)");
    }
}
