package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Readiness at the end of a layout's life: a generator is not ready once the last tick the layout can
 * carry is used up, even while the clock still reads inside that tick; a used-up ordinary tick only means
 * waiting a millisecond, and leaves it ready.
 */
class EndOfLifeReadinessTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);

    @Test
    void theLastTickUsedUpIsNotReadyAndNamesTheTickThatCannotExist() {
        BitLayout shortLived = BitLayout.builder().name("short").timestampBits(36).sequenceBits(12)
                .epochMillis(T - 1000).build(T);
        clock.set(shortLived.endOfLifeMillis() - 1);
        IdGenerator gen = IdGenerator.builder(shortLived).timeSource(clock).build();
        gen.nextIds(4095);
        assertThat(gen.readiness()).as("one ID of the last tick is left").isEqualTo(Readiness.READY);
        gen.nextId();
        Readiness r = gen.readiness();
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).startsWith("layout 'short' is full: tick " + (1L << 36) + " exceeds its 36-bit timestamp");
    }

    @Test
    void anOrdinaryTickUsedUpLeavesTheGeneratorReady() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).build();
        gen.nextIds(4096);
        assertThat(gen.readiness()).isEqualTo(Readiness.READY);
    }
}
