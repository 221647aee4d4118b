package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Id128Test {
    @Test
    void everyTextFormRoundTripsAndSortsLikeTheValue() {
        SplittableRandom random = new SplittableRandom(7);
        List<Id128> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add(new Id128(random.nextLong() >>> random.nextInt(64), random.nextLong()));
        }
        ids.add(new Id128(0, 0));
        ids.add(new Id128(-1L, -1L));
        for (Id128 id : ids) {
            assertThat(Id128.parse(id.toBase32())).isEqualTo(id);
            assertThat(Id128.parse(id.toHex())).isEqualTo(id);
            assertThat(Id128.parse("0x" + id.toHex())).isEqualTo(id);
            assertThat(Id128.parse(id.toUuidText())).isEqualTo(id);
            assertThat(id.toBase32()).hasSize(26);
        }
        List<Id128> byValue = new ArrayList<>(ids);
        byValue.sort(Comparator.naturalOrder());
        List<Id128> byText = new ArrayList<>(ids);
        byText.sort(Comparator.comparing(Id128::toBase32));
        assertThat(byText).isEqualTo(byValue);
        byText.sort(Comparator.comparing(Id128::toHex));
        assertThat(byText).isEqualTo(byValue);
    }

    @Test
    void theLargestValueIsSevenThenTwentyFiveZs() {
        assertThat(new Id128(-1L, -1L).toBase32()).isEqualTo("7" + "Z".repeat(25));
        assertThatThrownBy(() -> Id128.parseBase32("8" + "0".repeat(25))).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("exceeds 128 bits: the first symbol must be 0-7");
    }

    @Test
    void uuidsConvertBothWays() {
        UUID uuid = UUID.fromString("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        assertThat(Id128.from(uuid).toUuid()).isEqualTo(uuid);
        assertThat(Id128.from(uuid).toUuidText()).isEqualTo("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        assertThat(Id128.parse("017F22E2-79B0-7CC3-98C4-DC0C0C07398F")).isEqualTo(Id128.from(uuid));
    }

    @Test
    void badTextIsRefusedNamingTheTextAndTheForms() {
        assertThatThrownBy(() -> Id128.parse("12345")).isInstanceOf(InvalidIdException.class)
                .hasMessage("not a 128-bit ID: '12345' (length 5); expected a UUID (36 characters, 8-4-4-4-12), 26 base32"
                        + " symbols or 32 hex digits");
        assertThatThrownBy(() -> Id128.parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398g")).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("'g' at 31 is not a hex digit");
        assertThatThrownBy(() -> Id128.parse("017f22e2x79b0-7cc3-98c4-dc0c0c07398f")).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("not a 128-bit ID");
        assertThatThrownBy(() -> Id128.parse("U" + "0".repeat(25))).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("'U' at 0 is not a Crockford base32 symbol");
        assertThatThrownBy(() -> Id128.parse(null)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void theUuidV7CodecRefusesOtherVersions() {
        assertThatThrownBy(() -> IdCodec.uuidV7().parse("017f22e2-79b0-4cc3-98c4-dc0c0c07398f"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("has version 4 and variant bits 10; a UUIDv7 has version 7");
    }
}
