package io.idmint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiJsonTest {
    private static final NamedGenerator DEFAULT_GENERATOR = NamedGenerator.snowflake("default",
            IdGenerator.builder(BitLayout.DEFAULT).worker(1).build(), LeaseReport.NONE);
    @Test
    void consecutiveNumbersIncludingEveryCarryMatchLongToString() {
        long[] starts = {0, 8, 98, 199, 9_999, 382_793_451_378_311_167L, Long.MAX_VALUE - 3, 999_999_999_999_999_990L};
        for (long start : starts) {
            AsciiJson out = new AsciiJson(4);
            StringBuilder expected = new StringBuilder();
            for (long v = start; v >= start && v < start + 25; v++) {
                out.number(v).raw(',');
                expected.append(v).append(',');
            }
            assertThat(out.toString()).isEqualTo(expected.toString());
        }
    }

    @Test
    void seededRandomRunsAndJumpsMatchLongToString() {
        Random random = new Random(42);
        AsciiJson out = new AsciiJson(16);
        StringBuilder expected = new StringBuilder();
        long v = 0;
        for (int i = 0; i < 50_000; i++) {
            v = random.nextInt(10) == 0 ? random.nextLong() >>> random.nextInt(64) : v + 1;
            if (v < 0) {
                v = 0;
            }
            IdText.STRING.append(out, new long[] {v}, 0, DEFAULT_GENERATOR);
            out.raw(',');
            expected.append('"').append(v).append('"').append(',');
        }
        assertThat(out.toString()).isEqualTo(expected.toString());
    }
}
