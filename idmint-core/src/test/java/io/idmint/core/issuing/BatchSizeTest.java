package io.idmint.core.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one batch-size rule every face parses at its edge. */
class BatchSizeTest {
    @Test
    void acceptsOneToTheLimit() {
        assertThat(BatchSize.of(1)).isSameAs(BatchSize.ONE);
        assertThat(BatchSize.of(BatchSize.MAX).value()).isEqualTo(100_000);
        assertThat(BatchSize.parse("count", " 42 ").value()).isEqualTo(42);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0          | count must be 1..100000: count=0",
            "-5         | count must be 1..100000: count=-5",
            "100001     | count must be 1..100000: count=100001",
            "99999999999999999999 | count must be an integer 1..100000: count=99999999999999999999",
            "ten        | count must be an integer 1..100000: count=ten",
            "1.5        | count must be an integer 1..100000: count=1.5",
            "\"5\"      | count must be an integer 1..100000: count=\"5\""})
    void refusesEverythingElseNamingTheValueAndTheLimit(String text, String message) {
        assertThatThrownBy(() -> BatchSize.parse("count", text)).isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    @Test
    void namesTheFieldAsTheCallerSpelledIt() {
        assertThatThrownBy(() -> BatchSize.of("batch_size", 0)).hasMessage("batch_size must be 1..100000: batch_size=0");
        assertThatThrownBy(() -> BatchSize.parse("count", null)).hasMessage("count is required: an integer 1..100000");
        assertThatThrownBy(() -> BatchSize.parse("count", "x".repeat(100)))
                .hasMessage("count must be an integer 1..100000: count=" + "x".repeat(40) + "...");
    }
}
