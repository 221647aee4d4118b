package io.idmint.coordination;

import io.idmint.core.HighWaterMark;
import io.idmint.core.WorkerLease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The claim algorithm and the lease keeper, shared by both backends. One daemon thread renews every
 * lease of this allocator and runs releases, so a renewal and a release of the same lease never race.
 */
final class CoordinatedAllocator implements WorkerIdAllocator {
    private static final System.Logger LOG = System.getLogger(LeasedIdGenerator.class.getName());
    private final Coordinator coordinator;
    private final LeaseSettings settings;
    /** Identifies this allocator's claims: a restarted process gets a new token and must wait like anyone. */
    private final String token;
    private final ScheduledExecutorService keeper;
    private final Set<ClaimedLease> leases = ConcurrentHashMap.newKeySet();
    private final long ttlMillis;
    private final long renewIntervalMillis;
    private final AtomicLong renewalsTotal = new AtomicLong();
    private final AtomicLong renewalFailuresTotal = new AtomicLong();
    private final AtomicLong renewalQueueDepth = new AtomicLong();
    /** The exact last timestamp of each lease of ours whose generator has closed, by worker ID. */
    private final Map<Integer, ClosedHere> closedHere = new ConcurrentHashMap<>();
    private final PeerClocks peerClocks;
    private volatile boolean peersChecked;

    private record ClosedHere(long epoch, long lastIssuedMillis) {}

    CoordinatedAllocator(Coordinator coordinator, LeaseSettings settings) {
        this.coordinator = coordinator;
        this.settings = settings;
        this.token = settings.holderName + "/" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.ttlMillis = coordinator.ttlMillis();
        this.renewIntervalMillis = Math.min(settings.renewInterval.toMillis(), ttlMillis / 3);
        this.peerClocks = new PeerClocks(renewIntervalMillis + settings.operationTimeout.toMillis());
        this.keeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idmint-lease-keeper");
            t.setDaemon(true);
            return t;
        });
        coordinator.onSessionLost(() -> endAll("the coordinator session expired"));
        if (ttlMillis - renewIntervalMillis - settings.safetyMargin.toMillis() <= 0) {
            coordinator.close();
            throw new CoordinationException(coordinator.describe() + " applies a lease TTL of " + ttlMillis
                    + " ms, too short for safetyMargin " + settings.safetyMargin.toMillis() + " ms and renewal every "
                    + renewIntervalMillis + " ms: raise leaseTtl or the server's session timeout bounds");
        }
        try {
            ClusterBindings.check(coordinator, settings);
        } catch (RuntimeException e) {
            keeper.shutdownNow();
            coordinator.close();
            throw e;
        }
        keeper.scheduleWithFixedDelay(this::sampleQuietly, renewIntervalMillis, renewIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Peers sampled per round: enough for a median, few enough that a large fleet does not load the coordinator. */
    private static final int PEERS_PER_SAMPLE = 8;
    /** Peers read before the first claim, to judge this clock against theirs. */
    private static final int PEERS_AT_START = 32;

    /**
     * Reads the records of up to {@code limit} other live holders of the pool and feeds their wall times to
     * the offset estimate.
     */
    private void samplePeers(int limit) {
        List<Integer> owned = new ArrayList<>(coordinator.owned(settings.range));
        java.util.Collections.shuffle(owned);
        for (int worker : owned.subList(0, Math.min(limit, owned.size()))) {
            Slot slot = coordinator.read(worker);
            long readAt = settings.timeSource.currentTimeMillis();
            LeaseRecord r = slot.record();
            if (slot.owned() && r != null && r.releasedAtMillis() < 0 && !token.equals(r.holder())) {
                peerClocks.observe(r.holder(), r.writtenAtMillis(), readAt);
            }
        }
    }

    private void sampleQuietly() {
        try {
            samplePeers(PEERS_PER_SAMPLE);
        } catch (RuntimeException e) {
            // The estimate just ages: renewals report the coordinator's trouble.
        }
    }

    /**
     * Before the first claim: refuses to start when this clock is, beyond doubt, further from the peers'
     * median than {@code maxOffsetToPeers}.
     */
    private void checkPeersOnce() {
        if (peersChecked || settings.maxOffsetToPeers.isZero()) {
            return;
        }
        samplePeers(PEERS_AT_START);
        peersChecked = true;
        PeerClocks.Estimate e = peerClocks.estimate();
        if (e != null && Math.abs(e.offsetMillis()) - e.errorMillis() > settings.maxOffsetToPeers.toMillis()) {
            throw new ClockOffsetToPeersException("this process's clock reads " + Math.abs(e.offsetMillis()) + " ms "
                    + (e.offsetMillis() > 0 ? "ahead of" : "behind") + " the median of its " + e.peers() + " peers in "
                    + describe() + " (estimate within " + e.errorMillis() + " ms), more than the "
                    + settings.maxOffsetToPeers.toMillis() + " ms clock.maxOffsetToPeersMillis allows: check NTP/chrony on"
                    + " this host and on the peers before starting");
        }
    }

    /** This clock minus the peers' median, with its error; null while no peer has been seen. */
    PeerClocks.Estimate offsetToPeers() {
        return peerClocks.estimate();
    }

    @Override
    public WorkerLease acquire(OptionalInt preferredWorker, LeaseListener listener) {
        checkPeersOnce();
        long deadline = System.nanoTime() + settings.acquireTimeout.toNanos();
        for (;;) {
            long waitMillis;
            try {
                ClaimedLease lease = tryAcquire(preferredWorker, listener);
                if (lease != null) {
                    return lease;
                }
                waitMillis = 1 + ThreadLocalRandom.current().nextInt(20); // lost races: back off a little
            } catch (NoneFreeYet e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e.exhausted;
                }
                waitMillis = e.waitMillis;
            } catch (FencedException | WorkerIdsExhaustedException e) {
                throw e;
            } catch (CoordinationException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new CoordinationException("no worker lease from " + describe() + " within acquireTimeout "
                            + settings.acquireTimeout.toMillis() + " ms: " + e.getMessage(), e);
                }
                waitMillis = Math.max(50, renewIntervalMillis / 4);
            }
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, Math.min(waitMillis, leftMillis + 1))));
            if (Thread.interrupted()) {
                throw new CoordinationException("interrupted while acquiring a worker lease from " + describe());
            }
        }
    }

    /** One pass over the range: a lease, null after lost races, or an exception saying why none is free. */
    private ClaimedLease tryAcquire(OptionalInt preferred, LeaseListener listener) {
        Set<Integer> owned = coordinator.owned(settings.range);
        long now = settings.timeSource.currentTimeMillis();
        int cooling = 0;
        long earliestFree = Long.MAX_VALUE;
        boolean raced = false;
        for (int worker : claimOrder(preferred)) {
            boolean mayBeOurs = preferred.isPresent() && preferred.getAsInt() == worker;
            if (owned.contains(worker) && !mayBeOurs) {
                continue;
            }
            Slot slot = coordinator.read(worker);
            // Our own leftover owner entry (a lease that ended here) may be taken over; a live one may not.
            if (slot.owned() && (!mayBeOurs || !token.equals(slot.ownerToken()) || heldHere(worker))) {
                raced |= !owned.contains(worker); // taken since this pass began: retry now, do not wait
                continue;
            }
            LeaseRecord prev = slot.record();
            if (prev != null && !token.equals(prev.holder())) {
                long freeAt = prev.freeAfterMillis(ttlMillis, renewIntervalMillis, settings.recycleDelay.toMillis());
                if (now < freeAt) {
                    cooling++;
                    earliestFree = Math.min(earliestFree, freeAt);
                    continue;
                }
            }
            ClaimedLease lease = claim(slot, now, listener);
            if (lease != null) {
                return lease;
            }
            raced = true;
        }
        if (raced) {
            return null;
        }
        WorkerIdsExhaustedException exhausted = new WorkerIdsExhaustedException(describe(), settings.range,
                owned.size(), cooling, settings.recycleDelay.toMillis(), cooling == 0 ? -1 : earliestFree);
        // All held: wait anyway, since a crashed holder's ID frees within the TTL. A process restarted at once
        // (kill -9, a pod rescheduled) would otherwise fail on its own previous incarnation's ID.
        throw new NoneFreeYet(exhausted, cooling == 0 ? Math.max(50, renewIntervalMillis / 2) : earliestFree - now);
    }

    /** A lease past its deadline can never be extended again (see {@link ClaimedLease#extend}): its ID may be taken over. */
    private boolean heldHere(int worker) {
        for (ClaimedLease l : leases) {
            if (l.worker() == worker && !l.ended() && System.nanoTime() - l.validUntilNanos() < 0) {
                return true;
            }
        }
        return false;
    }

    private List<Integer> claimOrder(OptionalInt preferred) {
        List<Integer> order = new ArrayList<>(settings.range.size());
        preferred.ifPresent(p -> {
            if (settings.range.contains(p)) {
                order.add(p);
            }
        });
        for (int w = settings.range.first(); w <= settings.range.last(); w++) {
            if (preferred.isEmpty() || preferred.getAsInt() != w) {
                order.add(w);
            }
        }
        return order;
    }

    private ClaimedLease claim(Slot slot, long now, LeaseListener listener) {
        LeaseRecord prev = slot.record();
        long reserved = Math.max(prev == null ? -1 : prev.reservedUntilMillis(), now + reservationAheadMillis());
        LeaseRecord record = new LeaseRecord(prev == null ? 1 : prev.epoch() + 1, reserved, now, -1, token);
        Claim claim = coordinator.tryClaim(slot, record, token);
        if (claim == null) {
            return null;
        }
        Optional<HighWaterMark> previous = prev == null ? Optional.empty()
                : Optional.of(new HighWaterMark(floorAfter(slot.worker(), prev), prev.writtenAtMillis()));
        ClaimedLease lease = new ClaimedLease(this, claim, settings.datacenter, record.epoch(), previous, listener,
                validityNanos());
        lease.extend(claim.aliveAtNanos, reserved);
        leases.add(lease);
        lease.renewals = keeper.scheduleWithFixedDelay(() -> renew(lease), renewIntervalMillis, renewIntervalMillis,
                TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "claimed " + lease.describe() + " for generator " + settings.generator
                + (prev == null ? "" : ", after the previous holder's reservation"), fields(lease));
        return lease;
    }

    /**
     * Where the next holder starts: after the record's reservation, or, when the record is still the one
     * this allocator last wrote for a lease whose generator it closed (nobody claimed the ID since), after
     * that generator's exact last timestamp. Re-claiming after an expiry (a pause, a coordinator outage)
     * then resumes at once instead of waiting out a reservation that reaches up to TTL + one interval ahead.
     */
    private long floorAfter(int worker, LeaseRecord prev) {
        ClosedHere mine = closedHere.get(worker);
        if (mine != null && token.equals(prev.holder()) && mine.epoch() == prev.epoch()) {
            return Math.min(prev.reservedUntilMillis(), mine.lastIssuedMillis());
        }
        return prev.reservedUntilMillis();
    }

    /**
     * How far each written reservation reaches past the clock: one TTL plus one renewal interval, so that
     * the reservation covers every moment until the deadline even when the coordinator stops answering
     * right after a renewal.
     */
    private long reservationAheadMillis() {
        return ttlMillis + renewIntervalMillis;
    }

    private long validityNanos() {
        return TimeUnit.MILLISECONDS.toNanos(ttlMillis - settings.safetyMargin.toMillis());
    }

    private void renew(ClaimedLease lease) {
        if (lease.ended()) {
            return;
        }
        long now = settings.timeSource.currentTimeMillis();
        long reserved = Math.max(lease.reservedUntilMillis(), now + reservationAheadMillis());
        try {
            long aliveAt = coordinator.renew(lease.claim, new LeaseRecord(lease.epoch(), reserved, now, -1, token));
            if (!lease.extend(aliveAt, reserved)) {
                end(lease, "the deadline passed before a renewal was acknowledged");
                return;
            }
            lease.renewalCount++;
            renewalsTotal.incrementAndGet();
            if (lease.failingSince > 0) {
                LOG.log(System.Logger.Level.INFO, "renewals of " + lease.describe() + " acknowledged again after "
                        + lease.failingSince + " failure(s)", fields(lease));
                lease.failingSince = 0;
            }
        } catch (FencedException e) {
            end(lease, "fenced: " + e.getMessage());
        } catch (RuntimeException e) {
            lease.renewalFailures++;
            renewalFailuresTotal.incrementAndGet();
            if (lease.failingSince++ == 0) { // the first of a run: the rest are counted, and the recovery logged
                LOG.log(System.Logger.Level.WARNING, "renewal of " + lease.describe() + " failed, "
                        + TimeUnit.NANOSECONDS.toMillis(lease.validUntilNanos() - System.nanoTime())
                        + " ms left before its deadline; retrying: " + e.getMessage(), withError(fields(lease), e));
            }
            if (System.nanoTime() - lease.validUntilNanos() >= 0) {
                end(lease, "no renewal acknowledged before the deadline: " + e.getMessage());
            } else {
                retrySoon(lease);
            }
        }
    }

    /**
     * A renewal failed while the lease is still valid: try again shortly rather than a whole interval later,
     * since the next attempt may reach another member of a coordinator cluster (one hung, one electing a
     * leader). Coalesced with renewal requests, so a coordinator that is down costs one attempt per delay.
     */
    private void retrySoon(ClaimedLease lease) {
        if (lease.ended() || keeper.isShutdown() || !lease.renewalQueued.compareAndSet(false, true)) {
            return;
        }
        renewalQueueDepth.incrementAndGet();
        keeper.schedule(() -> {
            renewalQueueDepth.decrementAndGet();
            lease.renewalQueued.set(false);
            renew(lease);
        }, Math.max(20, renewIntervalMillis / 8), TimeUnit.MILLISECONDS);
    }

    private void end(ClaimedLease lease, String reason) {
        if (lease.end(reason)) {
            leases.remove(lease);
        }
    }

    /**
     * Queues one renewal for a lease whose reservation the clock has passed. Every refused call asks, so
     * requests while one is queued are dropped: a forward clock step must cost one coordinator write,
     * not one per request, ahead of every other lease's renewal on the one keeper thread.
     */
    void requestRenewal(ClaimedLease lease) {
        if (lease.ended() || keeper.isShutdown() || !lease.renewalQueued.compareAndSet(false, true)) {
            return;
        }
        renewalQueueDepth.incrementAndGet();
        keeper.execute(() -> {
            renewalQueueDepth.decrementAndGet();
            lease.renewalQueued.set(false);
            renew(lease);
        });
    }

    /** Extra renewals queued on the keeper now (at most one per lease). */
    long renewalQueueDepth() {
        return renewalQueueDepth.get();
    }

    /**
     * Called by the generator's close, once it can issue no more: remembers the exact last timestamp (see
     * {@link #floorAfter}), then releases on the keeper thread, so no renewal of the same lease is in flight meanwhile.
     */
    void release(ClaimedLease lease, long lastIssuedMillis) {
        closedHere.put(lease.worker(), new ClosedHere(lease.epoch(), lastIssuedMillis));
        if (keeper.isShutdown()) {
            return;
        }
        Future<?> done = keeper.submit(() -> releaseNow(lease, lastIssuedMillis));
        try {
            done.get(settings.operationTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not released: the ID comes free with the TTL and the recycle delay instead.
        }
    }

    private void releaseNow(ClaimedLease lease, long lastIssuedMillis) {
        boolean wasValid = !lease.ended() && System.nanoTime() - lease.validUntilNanos() < 0;
        end(lease, "released");
        LOG.log(System.Logger.Level.INFO, (wasValid ? "releasing " : "abandoning the expired ") + lease.describe()
                + (wasValid ? ", last timestamp issued " + lastIssuedMillis : ""), fields(lease));
        try {
            if (wasValid) {
                long now = settings.timeSource.currentTimeMillis();
                coordinator.release(lease.claim, new LeaseRecord(lease.epoch(), lastIssuedMillis, now, now, token));
            } else {
                coordinator.abandon(lease.claim);
            }
        } catch (RuntimeException e) {
            // Best effort: the owner entry expires with its TTL; the record keeps the last reservation.
        }
    }

    /** A lease event's fields: generator, worker, lease epoch. */
    private Object[] fields(ClaimedLease lease) {
        return new Object[] {Map.entry("generator", settings.generator), Map.entry("worker", lease.worker()),
                Map.entry("lease_epoch", lease.epoch())};
    }

    private static Object[] withError(Object[] fields, RuntimeException e) {
        Object[] out = java.util.Arrays.copyOf(fields, fields.length + 1);
        out[fields.length] = Map.entry("error", String.valueOf(e.getMessage()));
        return out;
    }

    /** ZooKeeper reported the session expired: every ephemeral owner node of this process is gone. */
    void endAll(String reason) {
        keeper.execute(() -> List.copyOf(leases).forEach(l -> end(l, reason)));
    }

    @Override
    public String describe() {
        return coordinator.describe();
    }

    @Override
    public LeaseSettings settings() {
        return settings;
    }

    Coordinator coordinator() {
        return coordinator;
    }

    long renewalsTotal() {
        return renewalsTotal.get();
    }

    long renewalFailuresTotal() {
        return renewalFailuresTotal.get();
    }

    @Override
    public void close() {
        keeper.shutdownNow();
        coordinator.close();
    }

    /** Internal signal: nothing free now; an ID may come free (a recycle delay ends, a dead holder's TTL runs out). */
    private static final class NoneFreeYet extends CoordinationException {
        private static final long serialVersionUID = 1L;
        final transient WorkerIdsExhaustedException exhausted;
        final long waitMillis;

        NoneFreeYet(WorkerIdsExhaustedException exhausted, long waitMillis) {
            super(exhausted.getMessage());
            this.exhausted = exhausted;
            this.waitMillis = waitMillis;
        }
    }
}
