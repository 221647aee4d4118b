package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link BitLayout} at the edges of its ranges: the epoch itself, a one-tick interval, an end of life that
 * only just fits a {@code long}, layouts narrower than 63 bits and exactly 64 bits wide, and the
 * builder's limits, each of which is valid and one step past it is not.
 */
class LayoutEdgesTest {
    static final long T = SnowflakeGeneratorTest.T;
    private static final BitLayout DEFAULT = BitLayout.DEFAULT;

    @Test
    void theEpochItselfIsTheFirstTimestampAndIdZeroDecodesToIt() {
        assertThat(DEFAULT.compose(DEFAULT.epochMillis(), 0, 0, 0)).isZero();
        assertThat(DEFAULT.decode(0).timestamp()).isEqualTo(DEFAULT.epoch());
        assertThatThrownBy(() -> DEFAULT.compose(DEFAULT.epochMillis() - 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timestamp must be at or after the epoch");
    }

    @Test
    void anIntervalHoldingOneTickGivesThatTicksIds() {
        IdRange range = DEFAULT.idRange(Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 1));
        long tick = DEFAULT.tickOf(T);
        assertThat(range).isEqualTo(new IdRange(tick << 22, tick << 22 | (1L << 22) - 1));
        assertThat(range.contains(range.min())).isTrue();
        assertThat(range.contains(range.max())).isTrue();
        assertThat(range.contains(range.min() - 1)).isFalse();
        assertThat(range.contains(range.max() + 1)).isFalse();
    }

    @Test
    void anEndOfLifeJustInsideALongIsExactAndOnlyOnePastItSaturates() {
        long epoch = (1L << 62) - 2; // 2^61 ticks of 2 ms end at 2^63 - 2: one millisecond short of Long.MAX_VALUE
        BitLayout far = BitLayout.builder().name("far").timestampBits(61).tickMillis(2).epochMillis(epoch).build(epoch);
        assertThat(far.endOfLifeMillis()).isEqualTo(Long.MAX_VALUE - 1);
        BitLayout beyond = BitLayout.builder().name("beyond").timestampBits(62).tickMillis(1000)
                .epochMillis(DEFAULT.epochMillis()).build(T);
        assertThat(beyond.endOfLifeMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(BitLayout.preset("sonyflake").endOfLife()).isEqualTo(Instant.parse("2188-11-16T03:28:58.880Z"));
    }

    @Test
    void theLifetimeWarningStartsOneMillisecondInsideTheMargin() {
        long atMargin = DEFAULT.endOfLifeMillis() - Duration.ofDays(365).toMillis();
        assertThat(DEFAULT.lifetimeWarning(atMargin, Duration.ofDays(365))).isEmpty();
        assertThat(DEFAULT.lifetimeWarning(atMargin + 1, Duration.ofDays(365))).isPresent();
    }

    @Test
    void aNarrowLayoutShowsItsUnusedHighBits() {
        BitLayout tiny = BitLayout.builder().name("tiny").timestampBits(16).datacenterBits(0).workerBits(0)
                .sequenceBits(4).epochMillis(T).build(T);
        assertThat(tiny.binaryView()).isEqualTo("44 bits 0 | 16 bits timestamp | 4 seq");
        assertThat(tiny.binaryView(0b1_0011)).isEqualTo("0".repeat(44) + " | 0000000000000001 | 0011");
    }

    @Test
    void aSixtyFourBitLayoutStartsWithItsHighestField() {
        BitLayout discord = BitLayout.preset("discord");
        assertThat(discord.binaryView()).isEqualTo("42 bits timestamp | 5 dc | 5 worker | 12 seq");
        assertThat(discord.binaryView(1)).isEqualTo("0".repeat(42) + " | 00000 | 00000 | 000000000001");
    }

    @Test
    void aLayoutIsAValueNamedByItsFieldsTickAndEpoch() {
        assertThat(DEFAULT.fingerprint()).isEqualTo("timestamp:41,datacenter:5,worker:5,sequence:12;tick=1ms;epoch=1704067200000");
        assertThat(DEFAULT).hasToString("default[0 | 41 bits timestamp | 5 dc | 5 worker | 12 seq, tick 1 ms, epoch 2024-01-01T00:00:00Z]");
        BitLayout copy = DEFAULT.toBuilder().build();
        assertThat(copy).isEqualTo(DEFAULT).hasSameHashCodeAs(DEFAULT).isNotSameAs(DEFAULT);
        assertThat(DEFAULT.toBuilder().name("other").build()).isNotEqualTo(DEFAULT);
        assertThat(BitLayout.preset("twitter")).isNotEqualTo(DEFAULT).doesNotHaveSameHashCodeAs(DEFAULT);
        assertThat(DEFAULT.toBuilder().tickMillis(2).build()).isNotEqualTo(DEFAULT);
        assertThat(DEFAULT).isNotEqualTo(DEFAULT.fingerprint());
        assertThat(BitLayout.preset("sonyflake").order())
                .containsExactly(Field.TIMESTAMP, Field.SEQUENCE, Field.DATACENTER, Field.WORKER);
    }

    @Test
    void theBuildersLimitsAreInclusive() {
        assertThat(DEFAULT.toBuilder().epochMillis(0).problems(T)).as("epoch 1970").isEmpty();
        assertThat(DEFAULT.toBuilder().epochMillis(T).problems(T)).as("epoch now").isEmpty();
        assertThat(DEFAULT.toBuilder().epochMillis(T + 1).problems(T)).singleElement().asString().startsWith("epoch must be");
        assertThat(DEFAULT.toBuilder().timestampBits(20).datacenterBits(32).workerBits(0).problems(T))
                .containsExactly("datacenterBits must be 0..31: datacenterBits=32");
        assertThat(DEFAULT.toBuilder().timestampBits(20).workerBits(32).datacenterBits(0).problems(T))
                .containsExactly("workerBits must be 0..31: workerBits=32");
        // 4 timestamp bits of 1 ms: 16 ticks, so the layout ends 16 ms after its epoch.
        BitLayout.Builder brief = BitLayout.builder().name("brief").timestampBits(4).epochMillis(T);
        assertThat(brief.problems(T + 15)).isEmpty();
        assertThat(brief.problems(T + 16)).singleElement().asString().startsWith("layout 'brief' ended its life at ");
    }

    @Test
    void anOrderMissingBothTimestampAndSequenceIsReportedOnceAsIncomplete() {
        assertThat(DEFAULT.toBuilder().order(Field.DATACENTER, Field.WORKER).problems(T))
                .containsExactly("order must list each of [TIMESTAMP, DATACENTER, WORKER, SEQUENCE] once: order=[DATACENTER, WORKER]");
    }
}
