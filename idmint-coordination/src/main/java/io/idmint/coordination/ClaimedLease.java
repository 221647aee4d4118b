package io.idmint.coordination;

import io.idmint.core.HighWaterMark;
import io.idmint.core.WorkerLease;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One claim of one worker ID. Validity only grows while held and drops for good when the lease ends;
 * {@link #extend} and {@link #end} are synchronized so that a renewal sent before the end cannot revive
 * the lease after it.
 */
final class ClaimedLease implements WorkerLease {
    private final CoordinatedAllocator allocator;
    final Claim claim;
    private final int datacenter;
    private final long epoch;
    private final Optional<HighWaterMark> previous;
    private final LeaseListener listener;
    private final String description;
    private final long validityNanos;
    private volatile long validUntilNanos;
    private volatile long reservedUntilMillis;
    private volatile String endReason;
    volatile ScheduledFuture<?> renewals;
    volatile long renewalCount;
    volatile long renewalFailures;
    /** Renewals failed in a row (0 while they succeed); touched on the keeper thread only. */
    int failingSince;
    /** Whether an extra renewal is queued on the keeper: requests while one is queued add none. */
    final java.util.concurrent.atomic.AtomicBoolean renewalQueued = new java.util.concurrent.atomic.AtomicBoolean();

    ClaimedLease(CoordinatedAllocator allocator, Claim claim, int datacenter, long epoch, Optional<HighWaterMark> previous,
                 LeaseListener listener, long validityNanos) {
        this.allocator = allocator;
        this.claim = claim;
        this.datacenter = datacenter;
        this.epoch = epoch;
        this.previous = previous;
        this.listener = listener;
        this.validityNanos = validityNanos;
        this.description = "worker " + claim.worker + " of " + allocator.describe() + " (epoch " + epoch + ")";
        this.validUntilNanos = claim.aliveAtNanos + validityNanos;
    }

    /**
     * A renewal sent at {@code aliveAtNanos} was acknowledged, and {@code reservedUntil} is durable.
     * Returns false when the deadline had already passed: the lease is over even though the renewal landed,
     * and the holder must claim again before issuing (which gives it a new epoch).
     */
    synchronized boolean extend(long aliveAtNanos, long reservedUntil) {
        if (endReason != null || System.nanoTime() - validUntilNanos >= 0) {
            return false;
        }
        reservedUntilMillis = Math.max(reservedUntilMillis, reservedUntil);
        long until = aliveAtNanos + validityNanos;
        if (until - validUntilNanos > 0) {
            validUntilNanos = until;
        }
        return true;
    }

    /** Ends the lease for good; returns false if it had already ended. Tells the listener outside the lock. */
    boolean end(String reason) {
        synchronized (this) {
            if (endReason != null) {
                return false;
            }
            endReason = reason;
            validUntilNanos = System.nanoTime();
        }
        ScheduledFuture<?> r = renewals;
        if (r != null) {
            r.cancel(false);
        }
        listener.leaseEnded(this, reason);
        return true;
    }

    boolean ended() {
        return endReason != null;
    }

    String endReason() {
        return endReason;
    }

    @Override
    public int datacenter() {
        return datacenter;
    }

    @Override
    public int worker() {
        return claim.worker;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public long validUntilNanos() {
        return validUntilNanos;
    }

    @Override
    public long reservedUntilMillis() {
        return reservedUntilMillis;
    }

    @Override
    public Optional<HighWaterMark> previousHolders() {
        return previous;
    }

    @Override
    public void requestRenewal() {
        allocator.requestRenewal(this);
    }

    @Override
    public void release(long lastIssuedMillis) {
        allocator.release(this, lastIssuedMillis);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
