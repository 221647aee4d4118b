package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.InvalidIdException;
import org.junit.jupiter.api.Test;

/** Decimal text both ways (13 digits too, which base32 auto-detection would refuse), and what an ID tells. */
class SegmentCodecTest {

    @Test
    void decimalBothWays() {
        SegmentCodec c = new SegmentCodec("orders", 1);
        assertThat(c.words()).isEqualTo(1);
        assertThat(c.text(new long[] {7, 1234567890123L}, 1)).isEqualTo("1234567890123");
        assertThat(c.parse("1234567890123")).containsExactly(1234567890123L);
        assertThatThrownBy(() -> c.parse("0x10")).isInstanceOf(InvalidIdException.class).hasMessageContaining("decimal");
        assertThatThrownBy(() -> c.parse("9223372036854775808")).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("0..9223372036854775807");
        assertThat(c.describe(new long[] {42})).containsExactly(
                org.assertj.core.api.Assertions.entry("id", 42L), org.assertj.core.api.Assertions.entry("scheme", "segment"),
                org.assertj.core.api.Assertions.entry("biz_tag", "orders"));
        assertThatThrownBy(() -> c.describe(new long[] {-1})).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void withSeveralStoresAnIdNamesItsStore() {
        SegmentCodec c = new SegmentCodec("orders", 3);
        assertThat(c.describe(new long[] {41})).containsEntry("store", 2).containsEntry("stores", 3);
    }
}
