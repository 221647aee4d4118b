package io.idmint.coordination;

import io.idmint.core.HighWaterMark;
import io.idmint.core.WorkerLease;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A lease as one {@link LeaseSlot}'s generator sees it. A thread sticks to its slot, so its IDs increase
 * across a re-claim only if the new generator starts after everything the slot issued before, whatever
 * worker ID the new lease has: {@link #previousHolders()} therefore includes the slot's last timestamp.
 * The exact last timestamp the generator reports on release goes back to the slot.
 */
final class SlotLease implements WorkerLease {
    private final WorkerLease lease;
    private final long slotIssuedUntilMillis;
    private volatile LongConsumer onRelease = last -> { };

    /** @param slotIssuedUntilMillis the last timestamp the slot's earlier generators issued, or -1 for none */
    SlotLease(WorkerLease lease, long slotIssuedUntilMillis) {
        this.lease = lease;
        this.slotIssuedUntilMillis = slotIssuedUntilMillis;
    }

    /**
     * From now on a release reports its timestamp to {@code sink}: set once the generator is built, since a
     * build that fails releases with the earlier holders' mark, which the slot never issued.
     */
    void reportReleasesTo(LongConsumer sink) {
        this.onRelease = sink;
    }

    @Override
    public Optional<HighWaterMark> previousHolders() {
        Optional<HighWaterMark> holders = lease.previousHolders();
        if (slotIssuedUntilMillis < 0 || holders.isPresent() && holders.get().reservedUntilMillis() >= slotIssuedUntilMillis) {
            return holders;
        }
        long writtenAt = holders.map(HighWaterMark::writtenAtMillis).orElse(slotIssuedUntilMillis);
        return Optional.of(new HighWaterMark(slotIssuedUntilMillis, writtenAt));
    }

    @Override
    public void release(long lastIssuedMillis) {
        onRelease.accept(lastIssuedMillis);
        lease.release(lastIssuedMillis);
    }

    @Override
    public int datacenter() {
        return lease.datacenter();
    }

    @Override
    public int worker() {
        return lease.worker();
    }

    @Override
    public long epoch() {
        return lease.epoch();
    }

    @Override
    public long validUntilNanos() {
        return lease.validUntilNanos();
    }

    @Override
    public long reservedUntilMillis() {
        return lease.reservedUntilMillis();
    }

    @Override
    public void requestRenewal() {
        lease.requestRenewal();
    }

    @Override
    public String describe() {
        return lease.describe();
    }

    @Override
    public String toString() {
        return lease.toString();
    }
}
