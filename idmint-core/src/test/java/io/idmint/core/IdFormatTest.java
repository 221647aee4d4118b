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

    @Test
    void autoDetectionReadsEachFormByItsShape() {
        long id = 382763206948421632L;
        assertThat(IdFormat.parseAuto("382763206948421632")).isEqualTo(id);
        assertThat(IdFormat.parseAuto(IdFormat.BASE32.format(id))).isEqualTo(id);
        assertThat(IdFormat.parseAuto("0x" + IdFormat.HEX.format(id))).isEqualTo(id);
        assertThat(IdFormat.parseAuto("0X54FD91BD7400000")).isEqualTo(id);
        assertThat(IdFormat.parseAuto("4194304")).isEqualTo(4194304);
    }

    @Test
    void thirteenDigitsAreRefusedWithBothReadingsRatherThanGuessed() {
        // 13 digits are a valid decimal and a valid base32 ID, with different values: the old rule read them as decimal.
        assertThatThrownBy(() -> IdFormat.parseAuto("1234567890123")).isInstanceOf(InvalidIdException.class)
                .hasMessage("ambiguous ID '1234567890123': as decimal it is 1234567890123, as base32 "
                        + Long.toUnsignedString(IdFormat.BASE32.parse("1234567890123"))
                        + "; name the format (decimal or base32) to decode it");
        assertThat(IdFormat.parseAuto("0AKYS3G2C0W00")).isEqualTo(IdFormat.BASE32.parse("0AKYS3G2C0W00"));
    }

    @Test
    void anythingElseNamesTheFormsAccepted() {
        assertThatThrownBy(() -> IdFormat.parseAuto("12ab")).isInstanceOf(InvalidIdException.class)
                .hasMessage("not an ID: '12ab': expected decimal digits, 13 base32 symbols or 0x-prefixed hex");
        assertThatThrownBy(() -> IdFormat.parseAuto("")).hasMessage("not an ID: '': length must be 1..20: length=0");
        assertThatThrownBy(() -> IdFormat.parseAuto("0xzz")).hasMessage("not a hex ID: 'zz': only 0-9 and a-f are allowed, found 'z' at 0");
    }

    @Test
    void aDecodedIdRendersTheSameFieldsInTheSameOrderEverywhere() {
        DecodedId d = BitLayout.DEFAULT.decode(4194304);
        assertThat(d.fields()).containsExactly(
                java.util.Map.entry("id", 4194304L),
                java.util.Map.entry("timestamp", "2024-01-01T00:00:00.001Z"),
                java.util.Map.entry("timestamp_ms", 1_704_067_200_001L),
                java.util.Map.entry("datacenter", 0),
                java.util.Map.entry("worker", 0),
                java.util.Map.entry("sequence", 0),
                java.util.Map.entry("layout", "default"),
                java.util.Map.entry("base32", "0000000040000"),
                java.util.Map.entry("hex", "0000000000400000"));
        assertThat(IsoTimestamps.format(java.time.Instant.parse("2024-05-01T12:00:00Z"))).isEqualTo("2024-05-01T12:00:00.000Z");
    }
}
