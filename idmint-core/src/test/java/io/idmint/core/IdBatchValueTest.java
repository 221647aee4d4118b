package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An {@link IdBatch} is a value: equal when its IDs and max sequence are, printed by its ends. */
class IdBatchValueTest {
    @Test
    void batchesAreEqualExactlyWhenTheirIdsAndMaxSequenceAre() {
        IdBatch batch = new IdBatch(new long[] {1, 2, 3}, 2);
        assertThat(batch).isEqualTo(new IdBatch(new long[] {1, 2, 3}, 2));
        assertThat(batch).isNotEqualTo(new IdBatch(new long[] {1, 2, 3}, 3));
        assertThat(batch).isNotEqualTo(new IdBatch(new long[] {1, 2, 4}, 2));
        assertThat(batch).isNotEqualTo(new long[] {1, 2, 3});
        assertThat(batch.hashCode()).isEqualTo(31 * Arrays.hashCode(new long[] {1, 2, 3}) + 2);
    }

    @Test
    void aBatchPrintsItsSizeMaxSequenceAndEnds() {
        assertThat(new IdBatch(new long[] {7, 8, 9, 10}, 3)).hasToString("IdBatch[size=4, maxSequence=3, first=7, last=10]");
    }

    @Test
    void toArrayIsACopy() {
        IdBatch batch = new IdBatch(new long[] {1, 2}, 1);
        batch.toArray()[0] = 99;
        assertThat(batch.first()).isEqualTo(1);
        assertThat(batch.toArray()).containsExactly(1, 2);
    }
}
