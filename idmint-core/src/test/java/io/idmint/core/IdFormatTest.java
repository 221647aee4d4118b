package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdFormatTest {
    @Test
    void knownValues() {
        assertThat(IdFormat.BASE32.format(0)).isEqualTo("0000000000000");
        assertThat(IdFormat.BASE32.format(Long.MAX_VALUE)).isEqualTo("7ZZZZZZZZZZZZ");
        assertThat(IdFormat.BASE32.format(-1)).isEqualTo("FZZZZZZZZZZZZ");
        assertThat(IdFormat.BASE32.format(32)).isEqualTo("0000000000010");
        assertThat(IdFormat.HEX.format(255)).isEqualTo("00000000000000ff");
        assertThat(IdFormat.DECIMAL.format(42)).isEqualTo("42");
    }

    @ParameterizedTest
    @EnumSource(IdFormat.class)
    void seededRoundTrips(IdFormat format) {
        Random random = new Random(7 + format.ordinal());
        for (int i = 0; i < 20_000; i++) {
            long id = random.nextLong() >>> random.nextInt(64);
            assertThat(format.parse(format.format(id))).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @EnumSource(value = IdFormat.class, names = {"BASE32", "HEX"})
    void fixedWidthFormsSortLikeTheIds(IdFormat format) {
        Random random = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            long a = random.nextLong() >>> 1 >>> random.nextInt(63);
            long b = random.nextLong() >>> 1 >>> random.nextInt(63);
            assertThat(Integer.signum(format.format(a).compareTo(format.format(b)))).isEqualTo(Long.signum(Long.compare(a, b)));
        }
    }

    @Test
    void base32DecodingIsCaseInsensitiveWithCrockfordAliases() {
        assertThat(IdFormat.BASE32.parse("000000000001z")).isEqualTo(IdFormat.BASE32.parse("000000000001Z"));
        assertThat(IdFormat.BASE32.parse("OOOOOOOOOOOOl")).isEqualTo(1);
        assertThat(IdFormat.BASE32.parse("000000000000I")).isEqualTo(1);
    }

    @Test
    void invalidTextNamesTheTextAndTheRule() {
        assertThatThrownBy(() -> IdFormat.BASE32.parse("ABC")).isInstanceOf(InvalidIdException.class)
                .hasMessage("not a base32 ID: 'ABC': length must be 13: length=3");
        assertThatThrownBy(() -> IdFormat.BASE32.parse("000000000000U"))
                .hasMessage("not a base32 ID: '000000000000U': 'U' at 12 is not a Crockford base32 symbol");
        assertThatThrownBy(() -> IdFormat.BASE32.parse("G000000000000"))
                .hasMessage("not a base32 ID: 'G000000000000': it exceeds 64 bits: the first symbol must be 0-F");
        assertThatThrownBy(() -> IdFormat.DECIMAL.parse("-12"))
                .hasMessage("not a decimal ID: '-12': only digits 0-9 are allowed, found '-' at 0");
        assertThatThrownBy(() -> IdFormat.DECIMAL.parse("99999999999999999999"))
                .hasMessage("not a decimal ID: '99999999999999999999': it exceeds 64 bits (max 18446744073709551615)");
        assertThatThrownBy(() -> IdFormat.DECIMAL.parse(""))
                .hasMessage("not a decimal ID: '': length must be 1..20: length=0");
        assertThatThrownBy(() -> IdFormat.HEX.parse("xyz"))
                .hasMessage("not a hex ID: 'xyz': only 0-9 and a-f are allowed, found 'x' at 0");
        assertThatThrownBy(() -> IdFormat.named("octal"))
                .hasMessage("format must be one of decimal, base32, hex: format=octal");
    }
}
