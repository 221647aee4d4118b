package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {
    @Test
    void carriesVersionVariantAndTime() {
        ManualTimeSource clock = new ManualTimeSource(1_704_067_200_123L);
        UUID uuid = UuidV7Generator.create(clock, new SplittableRandom(1)).next();
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(UuidV7Generator.unixMillis(uuid)).isEqualTo(1_704_067_200_123L);
    }

    @Test
    void monotonicWhenTheClockStandsStillOrStepsBack() {
        ManualTimeSource clock = new ManualTimeSource(1_704_067_200_000L);
        UuidV7Generator gen = UuidV7Generator.create(clock, new SplittableRandom(2));
        List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                clock.advance(-2_000);
            }
            uuids.add(gen.next());
        }
        for (int i = 1; i < uuids.size(); i++) {
            // Big-endian unsigned comparison of the time-and-counter half is the RFC's sort order.
            assertThat(Long.compareUnsigned(uuids.get(i).getMostSignificantBits(), uuids.get(i - 1).getMostSignificantBits()))
                    .isPositive();
        }
        assertThat(new HashSet<>(uuids)).hasSize(uuids.size());
    }
}
