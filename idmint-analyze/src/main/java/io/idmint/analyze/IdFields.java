package io.idmint.analyze;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;

/** A layout's fields as shifts and masks, for reading millions of IDs without a decode object per ID. */
final class IdFields {
    final BitLayout layout;
    final int totalBits;
    final int workerBits;
    final long capacity;
    final long epochMillis;
    final long tickMillis;
    private final int tsShift;
    private final long tsMask;
    private final int dcShift;
    private final long dcMask;
    private final int workerShift;
    final long workerMask;
    private final int seqShift;
    private final long seqMask;

    IdFields(BitLayout layout) {
        this.layout = layout;
        this.totalBits = layout.totalBits();
        this.tsShift = layout.shift(Field.TIMESTAMP);
        this.tsMask = mask(layout.width(Field.TIMESTAMP));
        this.dcShift = layout.shift(Field.DATACENTER);
        this.dcMask = mask(layout.width(Field.DATACENTER));
        this.workerShift = layout.shift(Field.WORKER);
        this.workerMask = mask(layout.width(Field.WORKER));
        this.workerBits = layout.width(Field.WORKER);
        this.seqShift = layout.shift(Field.SEQUENCE);
        this.seqMask = mask(layout.width(Field.SEQUENCE));
        this.capacity = layout.maxValue(Field.SEQUENCE) + 1;
        this.epochMillis = layout.epochMillis();
        this.tickMillis = layout.tickMillis();
    }

    private static long mask(int bits) {
        return bits == 0 ? 0 : bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** Bits of the datacenter and worker fields together: the key of a worker. */
    int keyBits() {
        return layout.width(Field.DATACENTER) + workerBits;
    }

    /** Whether the value has bits outside the layout (or the sign bit): not an ID of it. */
    boolean outside(long id) {
        return id < 0 || (totalBits < 64 && id >>> totalBits != 0);
    }

    long tick(long id) {
        return (id >>> tsShift) & tsMask;
    }

    long millisOfTick(long tick) {
        return epochMillis + tick * tickMillis;
    }

    long millis(long id) {
        return millisOfTick(tick(id));
    }

    long datacenter(long id) {
        return (id >>> dcShift) & dcMask;
    }

    long worker(long id) {
        return (id >>> workerShift) & workerMask;
    }

    long key(long id) {
        return datacenter(id) << workerBits | worker(id);
    }

    long sequence(long id) {
        return (id >>> seqShift) & seqMask;
    }
}
