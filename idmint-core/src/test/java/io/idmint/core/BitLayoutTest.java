package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitLayoutTest {
    private static final long NOW = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();

    @Test
    void defaultLayoutIsTheSeedsLayout() {
        BitLayout d = BitLayout.DEFAULT;
        assertThat(d.epoch()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(d.width(Field.TIMESTAMP)).isEqualTo(41);
        assertThat(d.width(Field.DATACENTER)).isEqualTo(5);
        assertThat(d.width(Field.WORKER)).isEqualTo(5);
        assertThat(d.width(Field.SEQUENCE)).isEqualTo(12);
        assertThat(d.shift(Field.TIMESTAMP)).isEqualTo(22);
        assertThat(d.shift(Field.DATACENTER)).isEqualTo(17);
        assertThat(d.shift(Field.WORKER)).isEqualTo(12);
        assertThat(d.binaryView()).isEqualTo("0 | 41 bits timestamp | 5 dc | 5 worker | 12 seq");
        assertThat(d.idsPerSecondPerGenerator()).isEqualTo(4_096_000);
        assertThat(d.generators()).isEqualTo(1024);
        assertThat(d.endOfLife()).isEqualTo(Instant.parse("2093-09-06T15:47:35.552Z"));
    }

    @Test
    void sixtyFourBitLayoutsEndWhenTheSignBitWouldBeSet() {
        // Discord: 42-bit timestamp, but the top bit is the sign bit: only 2^41 ms are usable.
        BitLayout discord = BitLayout.preset("discord");
        assertThat(discord.totalBits()).isEqualTo(64);
        assertThat(discord.maxValue(Field.TIMESTAMP)).isEqualTo((1L << 41) - 1);
        assertThat(discord.endOfLife()).isEqualTo(Instant.ofEpochMilli(1_420_070_400_000L + (1L << 41)));
        // Instagram: 41-bit timestamp at the top of 64 bits: 2^40 ms, ending in 2046, not 2081.
        BitLayout instagram = BitLayout.preset("instagram");
        assertThat(instagram.endOfLife()).isEqualTo(Instant.ofEpochMilli(1_314_220_021_721L + (1L << 40)));
        assertThat(instagram.endOfLife()).isBefore(Instant.parse("2047-01-01T00:00:00Z"));
        long lastId = instagram.compose(instagram.endOfLifeMillis() - 1, 0, 8191, 1023);
        assertThat(lastId).isPositive();
    }

    @Test
    void presetsCarryTheirPublicEpochsAndWidths() {
        assertThat(BitLayout.preset("twitter").epochMillis()).isEqualTo(1_288_834_974_657L);
        BitLayout sony = BitLayout.preset("sonyflake");
        assertThat(sony.tickMillis()).isEqualTo(10);
        assertThat(sony.binaryView()).isEqualTo("0 | 39 bits timestamp | 8 seq | 16 worker");
        assertThat(sony.epoch()).isEqualTo(Instant.parse("2014-09-01T00:00:00Z"));
        assertThat(sony.idsPerSecondPerGenerator()).isEqualTo(25_600);
        assertThat(BitLayout.presets()).extracting(BitLayout::name)
                .containsExactly("default", "twitter", "discord", "instagram", "sonyflake", "js-safe", "hlc");
        assertThat(BitLayout.preset("DEFAULT")).isSameAs(BitLayout.DEFAULT);
    }

    @Test
    void jsSafeIdsStayBelowTwoToThe53rdForItsWholeLife() {
        BitLayout js = BitLayout.preset("js-safe");
        assertThat(js.totalBits()).isEqualTo(53);
        long last = js.compose(js.endOfLifeMillis() - 1, 0, js.maxValue(Field.WORKER), js.maxValue(Field.SEQUENCE));
        assertThat(last).isEqualTo((1L << 53) - 1);
        assertThat((double) last).isEqualTo(9_007_199_254_740_991d); // Number.MAX_SAFE_INTEGER: exact as a double
        assertThat(js.endOfLife()).isAfter(Instant.parse("2198-01-01T00:00:00Z"));
        assertThat(js.generators()).isEqualTo(64);
        assertThat(js.idsPerSecondPerGenerator()).isEqualTo(25_600);
    }

    @Test
    void hlcPutsTheNodeBelowTheCounter() {
        BitLayout hlc = BitLayout.preset("hlc");
        assertThat(hlc.order()).containsExactly(Field.TIMESTAMP, Field.SEQUENCE, Field.DATACENTER, Field.WORKER);
        // Same millisecond and counter: the node breaks the tie, so a higher counter wins whichever node sent it.
        assertThat(hlc.compose(hlc.epochMillis() + 5, 0, 31, 1)).isLessThan(hlc.compose(hlc.epochMillis() + 5, 0, 0, 2));
    }

    @Test
    void unknownPresetNamesTheValueAndTheChoices() {
        assertThatThrownBy(() -> BitLayout.preset("flickr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layout must be one of [default, twitter, discord, instagram, sonyflake, js-safe, hlc]: layout=flickr");
    }

    @Test
    void invalidLayoutListsEveryProblem() {
        BitLayout.Builder b = BitLayout.builder().name("wide").timestampBits(45).datacenterBits(6).workerBits(6)
                .sequenceBits(12).tickMillis(0).epochMillis(NOW + 1000);
        assertThatThrownBy(() -> b.build(NOW))
                .isInstanceOf(InvalidLayoutException.class)
                .hasMessage("field widths must sum to at most 64 bits: sum=69 {TIMESTAMP=45, DATACENTER=6, WORKER=6, SEQUENCE=12}; "
                        + "tickMillis must be 1..1000: tickMillis=0; "
                        + "epoch must be between 1970-01-01T00:00:00Z and now (2026-11-22T00:00:00Z): epoch=2026-11-22T00:00:01Z");
    }

    @Test
    void fieldWidthOutOfRangeNamesTheField() {
        assertThatThrownBy(() -> BitLayout.builder().timestampBits(33).sequenceBits(31).epochMillis(NOW - 1000).build(NOW))
                .hasMessage("sequenceBits must be 0..30: sequenceBits=31");
        assertThatThrownBy(() -> BitLayout.builder().timestampBits(0).sequenceBits(12).build(NOW))
                .hasMessage("timestampBits must be 1..62: timestampBits=0");
    }

    @Test
    void sequenceAboveTimestampIsRefusedBecauseIdsWouldNotIncrease() {
        assertThatThrownBy(() -> BitLayout.builder().timestampBits(41).sequenceBits(12)
                .order(Field.SEQUENCE, Field.TIMESTAMP, Field.DATACENTER, Field.WORKER).build(NOW))
                .hasMessage("order must place timestamp above sequence, or IDs would not increase: "
                        + "order=[SEQUENCE, TIMESTAMP, DATACENTER, WORKER]");
    }

    @Test
    void layoutPastItsEndOfLifeIsRefused() {
        // 20-bit ms timestamp from 2024: about 17 minutes of life.
        assertThatThrownBy(() -> BitLayout.builder().name("short").timestampBits(20).sequenceBits(12)
                .epochMillis(1_704_067_200_000L).build(NOW))
                .isInstanceOf(InvalidLayoutException.class)
                .hasMessage("layout 'short' ended its life at 2024-01-01T00:17:28.576Z: its 20-bit timestamp from epoch "
                        + "2024-01-01T00:00:00Z cannot hold now (2026-11-22T00:00:00Z)");
    }

    @Test
    void lifetimeWarningInsideTheMargin() {
        // 2^35 ms is about 397.7 days from 2024-01-01: ends 2025-02-01, so by 2025-01-01 31 days remain.
        long jan2025 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        BitLayout layout = BitLayout.builder().name("short").timestampBits(35).sequenceBits(12)
                .epochMillis(1_704_067_200_000L).build(jan2025);
        assertThat(layout.lifetimeWarning(jan2025, java.time.Duration.ofDays(365))).get().asString()
                .isEqualTo("layout 'short' reaches its end of life at 2025-02-01T16:22:18.368Z, 31 days from now,"
                        + " inside the warning margin of 365 days: plan a new epoch or wider timestamp");
        assertThat(layout.lifetimeWarning(jan2025, java.time.Duration.ofDays(10))).isEmpty();
        assertThat(BitLayout.DEFAULT.lifetimeUsed(NOW)).isBetween(0.04, 0.05);
    }

    @Test
    void composeAndDecodeAreExact() {
        BitLayout d = BitLayout.DEFAULT;
        long ts = Instant.parse("2024-01-01T00:00:00.001Z").toEpochMilli();
        long id = d.compose(ts, 1, 5, 7);
        assertThat(id).isEqualTo(1L << 22 | 1L << 17 | 5L << 12 | 7);
        assertThat(d.decode(id)).isEqualTo(new DecodedId(id, Instant.ofEpochMilli(ts), 1, 5, 7, "default"));
        assertThat(d.binaryView(id)).isEqualTo("0 | 00000000000000000000000000000000000000001 | 00001 | 00101 | 000000000111");
    }

    @Test
    void composeNamesThePartAndItsRange() {
        long ts = BitLayout.DEFAULT.epochMillis() + 5;
        assertThatThrownBy(() -> BitLayout.DEFAULT.compose(ts, 32, 0, 0)).hasMessage("datacenter must be 0..31: datacenter=32");
        assertThatThrownBy(() -> BitLayout.DEFAULT.compose(ts, 0, -1, 0)).hasMessage("worker must be 0..31: worker=-1");
        assertThatThrownBy(() -> BitLayout.DEFAULT.compose(ts, 0, 0, 4096)).hasMessage("sequence must be 0..4095: sequence=4096");
        assertThatThrownBy(() -> BitLayout.DEFAULT.compose(0, 0, 0, 0))
                .hasMessage("timestamp must be at or after the epoch 2024-01-01T00:00:00Z: timestamp=1970-01-01T00:00:00Z");
    }

    @Test
    void decodeRefusesIdsOutsideTheLayout() {
        assertThatThrownBy(() -> BitLayout.DEFAULT.decode(-5))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("id must be 0..9223372036854775807 for layout 'default': id=18446744073709551611");
        BitLayout small = BitLayout.builder().name("small").timestampBits(41).sequenceBits(10).build(NOW);
        assertThatThrownBy(() -> small.decode(1L << 51)).hasMessage("id must be 0..2251799813685247 for layout 'small': id=2251799813685248");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "twitter", "discord", "instagram", "sonyflake"})
    void seededRandomRoundTripsOfEveryPreset(String name) {
        BitLayout layout = BitLayout.preset(name);
        Random random = new Random(20261122L ^ name.hashCode());
        for (int i = 0; i < 10_000; i++) {
            long tick = Math.floorMod(random.nextLong(), layout.maxValue(Field.TIMESTAMP) + 1);
            long millis = layout.millisOf(tick);
            long dc = Math.floorMod(random.nextLong(), layout.maxValue(Field.DATACENTER) + 1);
            long worker = Math.floorMod(random.nextLong(), layout.maxValue(Field.WORKER) + 1);
            long seq = Math.floorMod(random.nextLong(), layout.maxValue(Field.SEQUENCE) + 1);
            long id = layout.compose(millis, dc, worker, seq);
            assertThat(id).isNotNegative();
            DecodedId decoded = layout.decode(id);
            assertThat(decoded.timestamp().toEpochMilli()).isEqualTo(millis);
            assertThat(decoded.datacenter()).isEqualTo(dc);
            assertThat(decoded.worker()).isEqualTo(worker);
            assertThat(decoded.sequence()).isEqualTo(seq);
        }
    }

    @Test
    void idRangeCoversExactlyTheTicksOfTheInterval() {
        BitLayout d = BitLayout.DEFAULT;
        Instant from = Instant.parse("2025-06-01T00:00:00Z");
        Instant to = Instant.parse("2025-06-02T00:00:00Z");
        IdRange range = d.idRange(from, to);
        long firstOfRange = d.compose(from.toEpochMilli(), 0, 0, 0);
        long lastOfRange = d.compose(to.toEpochMilli() - 1, 31, 31, 4095);
        assertThat(range).isEqualTo(new IdRange(firstOfRange, lastOfRange));
        assertThat(range.contains(firstOfRange - 1)).isFalse();
        assertThat(range.contains(lastOfRange + 1)).isFalse();
        assertThat(range.contains(d.compose(from.toEpochMilli() + 5, 3, 4, 5))).isTrue();
    }

    @Test
    void derivedLayoutKeepsEverythingElse() {
        BitLayout wide = BitLayout.DEFAULT.toBuilder().name("wide").datacenterBits(0).workerBits(0).sequenceBits(22).build(NOW);
        assertThat(wide.epochMillis()).isEqualTo(BitLayout.DEFAULT.epochMillis());
        assertThat(wide.binaryView()).isEqualTo("0 | 41 bits timestamp | 22 seq");
        assertThat(wide).isNotEqualTo(BitLayout.DEFAULT);
        assertThat(BitLayout.DEFAULT.toBuilder().build(NOW)).isEqualTo(BitLayout.DEFAULT);
    }

    /** Review finding 2026-11-30 #7: 62 timestamp bits of 1 s ticks reach past a long of milliseconds. */
    @Test
    void millisOfSaturatesInsteadOfOverflowing() {
        BitLayout wide = BitLayout.builder().name("wide").timestampBits(62).datacenterBits(0).workerBits(0)
                .sequenceBits(1).tickMillis(1000).build();
        assertThat(wide.millisOf(wide.maxTick())).isEqualTo(Long.MAX_VALUE);
        assertThat(wide.millisOf(-wide.maxTick())).isEqualTo(Long.MIN_VALUE);
        assertThat(wide.millisOf(3)).isEqualTo(wide.epochMillis() + 3000);
        assertThat(wide.endOfLifeMillis()).isEqualTo(Long.MAX_VALUE);
    }
}
