package io.idmint.coordination;

import io.idmint.core.IdGenerator;
import io.idmint.core.LeaseNotValidException;
import io.idmint.core.WorkerLease;
import io.idmint.core.issuing.LeaseView;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One leased worker ID of a {@link LeasedIdGenerator} and the generator issuing under it. When the lease
 * ends or passes its deadline, the generator is closed and a new lease is claimed in the background,
 * preferring the same worker ID; until then calls fail with {@link LeaseNotValidException}.
 */
final class LeaseSlot implements LeaseListener {
    private static final System.Logger LOG = System.getLogger(LeasedIdGenerator.class.getName());
    private final WorkerIdAllocator allocator;
    private final Function<WorkerLease, IdGenerator> factory;
    private final Executor executor;
    private final AtomicBoolean reacquiring = new AtomicBoolean();
    private volatile IdGenerator current;
    private volatile IdGenerator last;
    private volatile WorkerLease lease;
    /** The lease whose generator is being built; guarded by this. */
    private WorkerLease installing;
    /** Why {@code installing} ended before its generator was up, or null; guarded by this. */
    private String endedWhileInstalling;
    /** The last timestamp this slot's closed generators issued (-1: none): the next one starts after it. */
    private volatile long issuedUntilMillis = -1;
    private volatile String problem = "not claimed yet";
    private volatile boolean closed;
    volatile long losses;

    LeaseSlot(WorkerIdAllocator allocator, Function<WorkerLease, IdGenerator> factory, Executor executor) {
        this.allocator = allocator;
        this.factory = factory;
        this.executor = executor;
    }

    /** Claims the first lease, blocking; throws what the allocator or the generator's start threw. */
    void start() {
        WorkerLease l = install(OptionalInt.empty());
        handleEndDuringInstall(l);
    }

    /**
     * Claims a lease and starts its generator. The generator's start may wait (up to maxStartupWait), and the
     * lease may end meanwhile (a session lost, a fence): such an end is kept in {@code endedWhileInstalling}
     * rather than dropped, and {@link #handleEndDuringInstall} acts on it once the slot is consistent.
     */
    private WorkerLease install(OptionalInt preferred) {
        WorkerLease l = allocator.acquire(preferred, this);
        synchronized (this) {
            installing = l;
            endedWhileInstalling = null;
        }
        IdGenerator g;
        SlotLease seen = new SlotLease(l, issuedUntilMillis);
        try {
            g = factory.apply(seen); // on failure the builder has released the lease
            seen.reportReleasesTo(this::issuedUntil);
        } finally {
            synchronized (this) {
                installing = null;
            }
        }
        synchronized (this) {
            lease = l;
            last = g;
            current = g;
        }
        return l;
    }

    /** The exact last timestamp a generator of this slot issued, reported when it closed. */
    private synchronized void issuedUntil(long lastIssuedMillis) {
        issuedUntilMillis = Math.max(issuedUntilMillis, lastIssuedMillis);
    }

    /** A lease that ended while its generator started is lost now: re-claim instead of serving a dead lease. */
    private void handleEndDuringInstall(WorkerLease installed) {
        String reason;
        synchronized (this) {
            reason = endedWhileInstalling;
            endedWhileInstalling = null;
        }
        if (reason != null) {
            lost(installed, reason);
        }
    }

    IdGenerator generator() {
        IdGenerator g = current;
        if (g == null) {
            throw new LeaseNotValidException("no worker lease held (" + problem + "); re-claiming one from " + allocator.describe());
        }
        return g;
    }

    /** The call failed for want of a valid lease: if the deadline passed, start re-claiming. */
    void checkExpired(IdGenerator failed) {
        WorkerLease l = lease;
        if (failed == current && l != null && System.nanoTime() - l.validUntilNanos() >= 0) {
            lost(l, "deadline passed without an acknowledged renewal");
        }
    }

    @Override
    public void leaseEnded(WorkerLease ended, String reason) {
        synchronized (this) {
            if (ended == installing) {
                endedWhileInstalling = reason;
                return;
            }
        }
        lost(ended, reason);
    }

    private void lost(WorkerLease ended, String reason) {
        if (closed || ended != lease || !reacquiring.compareAndSet(false, true)) {
            return;
        }
        problem = ended.describe() + " ended: " + reason;
        current = null;
        losses++;
        LOG.log(System.Logger.Level.WARNING, problem + "; refusing IDs and re-claiming", Map.entry("generator", generatorName()),
                Map.entry("worker", ended.worker()), Map.entry("lease_epoch", ended.epoch()), Map.entry("error", reason));
        executor.execute(() -> reacquire(ended));
    }

    private void reacquire(WorkerLease ended) {
        IdGenerator old = last;
        if (old != null) {
            old.close(); // the lease has ended: this only tidies the owner entry, best effort
        }
        long backoffMillis = 50;
        long maxBackoffMillis = Math.max(100, allocator.settings().leaseTtl().toMillis() / 3);
        while (!closed) {
            try {
                WorkerLease installed = install(OptionalInt.of(ended.worker()));
                reacquiring.set(false);
                LOG.log(System.Logger.Level.INFO, "re-claimed: issuing again as " + installed.describe(),
                        Map.entry("generator", generatorName()), Map.entry("worker", installed.worker()),
                        Map.entry("lease_epoch", installed.epoch()));
                handleEndDuringInstall(installed);
                return;
            } catch (RuntimeException e) {
                problem = "re-claim failed: " + e.getMessage();
                LOG.log(System.Logger.Level.INFO, problem + "; retrying in " + backoffMillis + " ms",
                        Map.entry("generator", generatorName()), Map.entry("worker", ended.worker()),
                        Map.entry("error", String.valueOf(e.getMessage())));
            }
            try {
                Thread.sleep(backoffMillis); // retry pacing, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(maxBackoffMillis, backoffMillis * 2);
        }
    }

    private String generatorName() {
        return allocator.settings().generator;
    }

    LeaseView status() {
        WorkerLease l = lease;
        if (current == null || l == null) {
            return LeaseView.acquiring(problem);
        }
        long left = (l.validUntilNanos() - System.nanoTime()) / 1_000_000;
        if (!(l instanceof ClaimedLease)) {
            return new LeaseView(left > 0 ? "held" : "expired", l.worker(), l.epoch(), left, 0, 0, l.describe());
        }
        ClaimedLease cl = (ClaimedLease) l;
        return new LeaseView(cl.ended() ? "ended" : left > 0 ? "held" : "expired", cl.worker(), cl.epoch(), left,
                cl.renewalCount, cl.renewalFailures, cl.ended() ? cl.endReason() : cl.describe());
    }

    /** The generator for stats and identity, even while re-claiming. */
    IdGenerator lastGenerator() {
        return last;
    }

    void close() {
        closed = true;
        IdGenerator g = last;
        current = null;
        if (g != null) {
            g.close();
        }
    }
}
