package io.idmint.jcstress;

import io.idmint.core.BitLayout;
import io.idmint.core.IdBatch;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;

/**
 * Shared constants and ID decoding for the jcstress tests.
 *
 * <p>Every test builds a fresh generator per jcstress state instance (no high-water mark store, so
 * nothing to close), so each race starts from a known state: a new generator, or one with a known
 * number of IDs pre-issued. That makes the legal outcomes exact, and a lost CAS update shows at once.
 */
final class Fixtures {

    /** 2024-01-01T00:00:00Z, the epoch of {@link BitLayout#DEFAULT}. */
    static final long EPOCH_MILLIS = 1704067200000L;

    /** The instant a frozen {@code ManualTimeSource} is pinned to: one second after the epoch. */
    static final long FROZEN_MILLIS = EPOCH_MILLIS + 1000;

    /**
     * The tick that {@link #FROZEN_MILLIS} falls into, for {@link BitLayout#DEFAULT} and {@link #TINY_SEQ}
     * alike (same epoch, 1 ms ticks).
     */
    static final long FROZEN_TICK = BitLayout.DEFAULT.tickOf(FROZEN_MILLIS);

    /** The default bit split, but with only 2 sequence bits: 4 IDs per 1 ms tick. */
    static final BitLayout TINY_SEQ = BitLayout.builder()
            .name("tiny-seq")
            .timestampBits(41)
            .datacenterBits(5)
            .workerBits(5)
            .sequenceBits(2)
            .tickMillis(1)
            .epochMillis(EPOCH_MILLIS)
            .build();

    private Fixtures() {
    }

    /** A fresh default-layout generator (worker 1) whose clock stands still at {@link #FROZEN_MILLIS}. */
    static IdGenerator frozenDefaultGenerator() {
        return IdGenerator.builder(BitLayout.DEFAULT).datacenter(0).worker(1)
                .timeSource(new ManualTimeSource(FROZEN_MILLIS)).build();
    }

    /** The sequence field of {@code id}. */
    static int sequence(BitLayout layout, long id) {
        return layout.decode(id).sequence();
    }

    /** The timestamp field of {@code id}, in ticks since the layout's epoch. */
    static long tick(BitLayout layout, long id) {
        return layout.tickOf(layout.decode(id).timestamp().toEpochMilli());
    }

    /** How many IDs the two batches have in common (0 when disjoint). */
    static int overlap(IdBatch a, IdBatch b) {
        int common = 0;
        for (int i = 0; i < a.size(); i++) {
            long id = a.get(i);
            for (int j = 0; j < b.size(); j++) {
                if (b.get(j) == id) {
                    common++;
                }
            }
        }
        return common;
    }

    /** How many IDs of {@code batch} equal {@code id}. */
    static int overlap(long id, IdBatch batch) {
        int common = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == id) {
                common++;
            }
        }
        return common;
    }
}
