package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text forms at their edges: null, the longest text quoted in full, lengths one past the limit, non-ASCII symbols. */
class TextFormEdgesTest {
    @Test
    void formatsAreNamedInLowerCaseAndFoundInAnyCase() {
        assertThat(IdFormat.DECIMAL).hasToString("decimal");
        assertThat(IdFormat.BASE32).hasToString("base32");
        assertThat(IdFormat.HEX).hasToString("hex");
        assertThat(IdFormat.named("HEX")).isSameAs(IdFormat.HEX);
    }

    @Test
    void nullTextNamesTheFormOrSaysAnId() {
        assertThatThrownBy(() -> IdFormat.DECIMAL.parse(null)).isInstanceOf(InvalidIdException.class)
                .hasMessage("decimal ID must not be null");
        assertThatThrownBy(() -> IdFormat.parseAuto(null)).isInstanceOf(InvalidIdException.class)
                .hasMessage("an ID must not be null");
    }

    @Test
    void textUpToFortyCharactersIsQuotedInFullLongerTextIsCut() {
        String forty = "x".repeat(40);
        assertThatThrownBy(() -> IdFormat.HEX.parse(forty)).hasMessage("not a hex ID: '" + forty + "': length must be 1..16: length=40");
        assertThatThrownBy(() -> IdFormat.HEX.parse(forty + "y"))
                .hasMessage("not a hex ID: '" + forty + "...': length must be 1..16: length=41");
    }

    @Test
    void hexLongerThanSixteenDigitsOrEmptyIsRefusedByLength() {
        assertThatThrownBy(() -> IdFormat.HEX.parse("1".repeat(17))).isInstanceOf(InvalidIdException.class)
                .hasMessageEndingWith("length must be 1..16: length=17");
        assertThatThrownBy(() -> IdFormat.HEX.parse("")).isInstanceOf(InvalidIdException.class)
                .hasMessageEndingWith("length must be 1..16: length=0");
    }

    @Test
    void aSymbolJustPastAsciiIsNotBase32() {
        assertThatThrownBy(() -> IdFormat.BASE32.parse("\u0080" + "0".repeat(12))).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("is not a Crockford base32 symbol");
    }

    @Test
    void theIntRangeCheckReturnsTheValueItChecked() {
        assertThat(Preconditions.checkRange("n", 7, 1, 10)).isEqualTo(7);
        assertThatThrownBy(() -> Preconditions.checkRange("n", 11, 1, 10)).hasMessage("n must be 1..10: n=11");
    }
}
