package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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

    /** RFC 9562 appendix A.6: the example UUIDv7, byte for byte, from this generator. */
    @Test
    void reproducesTheRfcTestVector() {
        long lsb = 0x98C4_DC0C_0C07_398FL;
        ManualTimeSource clock = new ManualTimeSource(0x017F_22E2_79B0L); // 2022-02-22T19:22:22.000Z
        UuidV7Generator gen = UuidV7Generator.builder().node(UuidV7Generator.nodeOf(lsb)).timeSource(clock)
                .random(() -> lsb & 0x3FFF_FFFFL).build();
        gen.next(new long[2 * 0xCC3], 0, 0xCC3); // counters 0..0xCC2 of that millisecond
        UUID uuid = gen.next();
        assertThat(uuid.toString()).isEqualTo("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        assertThat(IdCodec.uuidV7().describe(new long[] {uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()}))
                .containsEntry("timestamp", "2022-02-22T19:22:22.000Z").containsEntry("counter", 0xCC3)
                .containsEntry("node", UuidV7Generator.nodeOf(lsb)).containsEntry("version", 7);
    }

    @Test
    void generatorsWithDistinctNodesNeverCollideEvenWithTheSameRandomBits() {
        ManualTimeSource clock = new ManualTimeSource(1_704_067_200_000L);
        Set<UUID> all = new HashSet<>();
        for (long node : new long[] {1, 2}) {
            UuidV7Generator gen = UuidV7Generator.builder().node(node).timeSource(clock).random(() -> 0L).build();
            long[] words = new long[2 * 10_000];
            gen.next(words, 0, 10_000);
            for (int i = 0; i < 10_000; i++) {
                assertThat(UuidV7Generator.nodeOf(words[2 * i + 1])).isEqualTo(node);
                all.add(new UUID(words[2 * i], words[2 * i + 1]));
            }
        }
        assertThat(all).hasSize(20_000);
    }

    @Test
    void aRestartWithTheClockBehindStartsAboveTheStoredMark() {
        AtomicReference<HighWaterMark> mark = new AtomicReference<>();
        ManualTimeSource clock = new ManualTimeSource(1_704_067_200_000L);
        UuidV7Generator first = UuidV7Generator.builder().node(3).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(mark)).build();
        UUID last = null;
        for (int i = 0; i < 100; i++) {
            last = first.next();
        }
        // A crash: no close(). The clock then steps back 500 ms, within the start-up wait.
        clock.advance(-500);
        clock.autoAdvanceMillisPerRead(1);
        UuidV7Generator second = UuidV7Generator.builder().node(3).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(mark)).build();
        assertThat(Long.compareUnsigned(second.next().getMostSignificantBits(), last.getMostSignificantBits())).isPositive();
    }

    @Test
    void aClosedGeneratorRefusesAsPermanent() {
        UuidV7Generator gen = UuidV7Generator.builder().node(1).build();
        gen.close();
        assertThatThrownBy(gen::next).isInstanceOf(GeneratorClosedException.class)
                .hasMessageContaining("UUIDv7 generator node 1 is closed");
        assertThat(gen.readiness().ready()).isFalse();
    }

    @Test
    void nodesOutsideThirtyTwoBitsAreRefusedNamingTheLimit() {
        assertThatThrownBy(() -> UuidV7Generator.builder().node(1L << 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node must be 0..4294967295: node=4294967296");
    }
}
