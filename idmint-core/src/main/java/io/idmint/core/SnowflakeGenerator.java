package io.idmint.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/** Padding before the state, so no other object's writes share its cache line (two-sided, 128 bytes). */
abstract class StatePadBefore {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class StateField extends StatePadBefore {
    /** {@code tick << sequenceBits | last sequence used in that tick}. */
    volatile long state;
}

abstract class StatePadAfter extends StateField {
    long p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30;
}

/**
 * The lock-free generator. Every ID is a successful compare-and-set on {@link #state}; a batch takes a
 * run of sequence numbers with one. See {@link IdGenerator} for the contract.
 *
 * <p>Reads the state before the clock: a clock read taken after the state is at least as new as the
 * read that produced the state's tick, so a thread that lost a race never mistakes the winner's newer
 * tick for a clock rollback.
 */
final class SnowflakeGenerator extends StatePadAfter implements IdGenerator {
    /**
     * The state after {@link #close()}. No real state is negative, so every compare-and-set that read an
     * earlier state fails once it is set, and the reader sees it on its next pass and throws.
     */
    private static final long CLOSED = Long.MIN_VALUE;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StateField.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BitLayout layout;
    private final int datacenter;
    private final int worker;
    private final long prefix;
    private final int timestampShift;
    private final int sequenceShift;
    private final int sequenceBits;
    private final long sequenceMask;
    private final long maxTick;
    private final long epochMillis;
    private final long tickMillis;
    private final TimeSource time;
    private final ClockRollbackPolicy rollbackPolicy;
    private final long borrowLeadTicks;
    private final long aheadLimitTicks;
    private final long waitBoundMillis;
    private final HighWaterGuard guard;
    private final WorkerLease lease;
    private final long initialState;
    private volatile boolean released;
    /** The state {@link #close()} swapped out for {@link #CLOSED}: what stats report from then on. */
    private volatile long stateAtClose;
    private final GeneratorCounters counters = new GeneratorCounters();

    SnowflakeGenerator(IdGeneratorBuilder b, HighWaterGuard guard, long leaseFloorTick) {
        this.layout = b.layout;
        this.datacenter = (int) b.datacenter;
        this.worker = (int) b.worker;
        this.prefix = layout.composeUnchecked(0, b.datacenter, b.worker, 0);
        this.timestampShift = layout.shift(Field.TIMESTAMP);
        this.sequenceShift = layout.shift(Field.SEQUENCE);
        this.sequenceBits = layout.width(Field.SEQUENCE);
        this.sequenceMask = (1L << sequenceBits) - 1;
        this.maxTick = layout.maxTick();
        this.epochMillis = layout.epochMillis();
        this.tickMillis = layout.tickMillis();
        this.time = b.timeSource;
        this.rollbackPolicy = b.rollbackPolicy;
        this.borrowLeadTicks = b.overflowPolicy.maxLead().toMillis() / tickMillis;
        long offsetLeadTicks = rollbackPolicy.kind() == ClockRollbackPolicy.Kind.LOGICAL_OFFSET
                ? rollbackPolicy.bound().toMillis() / tickMillis : 0;
        this.aheadLimitTicks = Math.max(borrowLeadTicks, offsetLeadTicks);
        this.waitBoundMillis = rollbackPolicy.kind() == ClockRollbackPolicy.Kind.WAIT ? rollbackPolicy.bound().toMillis() : 0;
        this.guard = guard;
        this.lease = b.lease;
        // "Last tick fully used": the first ID goes to a later tick, never to one an earlier run may have used.
        long floorTick = Math.max(guard != null ? guard.floorTick() : 0, leaseFloorTick);
        this.initialState = floorTick << sequenceBits | sequenceMask;
        STATE.setVolatile(this, initialState);
    }

    @Override
    public long nextId() {
        long first = reserve(1);
        long tick = first >>> sequenceBits;
        if (guard != null) {
            guard.cover(tick);
        }
        if (lease != null) {
            checkLease(tick);
        }
        return prefix | tick << timestampShift | (first & sequenceMask) << sequenceShift;
    }

    @Override
    public IdBatch nextIds(int count) {
        Preconditions.checkRange("count", count, 1, MAX_BATCH);
        long[] ids = new long[count];
        return new IdBatch(ids, fill(ids, 0, count));
    }

    @Override
    public int nextIds(long[] into, int offset, int count) {
        Preconditions.checkNotNull("into", into);
        Preconditions.checkRange("count", count, 1, MAX_BATCH);
        Preconditions.checkRange("offset", offset, 0, into.length - count);
        return fill(into, offset, count);
    }

    @Override
    public int tryNextIds(long[] into, int offset, int count) {
        Preconditions.checkNotNull("into", into);
        Preconditions.checkRange("count", count, 1, MAX_BATCH);
        Preconditions.checkRange("offset", offset, 0, into.length - count);
        long first = reserveWithoutWaiting(count);
        if (first < 0) {
            return -1;
        }
        writeRun(first, into, offset, count);
        return (int) (first & sequenceMask) + count - 1;
    }

    /**
     * Raises the state to {@code id}'s (tick, sequence) with one compare-and-set, so the next reservation
     * takes a later one; never lowers it. The lead it creates counts as borrowing ahead, not as a rollback.
     */
    @Override
    public void observe(long id) {
        layout.decode(id);
        long remoteTick = id >>> timestampShift & (1L << layout.width(Field.TIMESTAMP)) - 1;
        long remote = remoteTick << sequenceBits | id >>> sequenceShift & sequenceMask;
        long nowTick = currentTick();
        if (remoteTick - nowTick > borrowLeadTicks) {
            throw new InvalidIdException("ID " + id + " carries " + Instant.ofEpochMilli(layout.millisOf(remoteTick))
                    + ", " + (remoteTick - nowTick) * tickMillis + " ms ahead of this node's clock ("
                    + Instant.ofEpochMilli(layout.millisOf(nowTick)) + "), more than the " + borrowLeadTicks * tickMillis
                    + " ms this generator may run ahead: the sending node's clock is off, or the ID is not of layout '"
                    + layout.name() + "'");
        }
        for (;;) {
            long s = state;
            if (s == CLOSED) {
                throw closed();
            }
            if (s >= remote || STATE.compareAndSet(this, s, remote)) {
                return;
            }
        }
    }

    /**
     * Takes {@code count} consecutive sequence numbers of one tick with one compare-and-set, or returns -1
     * without taking any when that would need a wait, a write to the high-water mark store, a borrowed
     * tick or the rollback policy: the caller then issues on a thread that may wait.
     */
    private long reserveWithoutWaiting(int count) {
        if (count > sequenceMask + 1) {
            return -1;
        }
        for (;;) {
            long s = state;
            if (s == CLOSED) {
                throw closed();
            }
            long now = currentTick();
            long last = s >>> sequenceBits;
            long tick = Math.max(now, last);
            if (guard != null && !guard.coversWithoutWriting(tick)) {
                return -1;
            }
            if (now > last) {
                if (startTick(s, now, count)) {
                    return now << sequenceBits;
                }
            } else if (last - now > borrowLeadTicks || sequenceMask - (s & sequenceMask) < count) {
                return -1;
            } else if (STATE.compareAndSet(this, s, s + count)) {
                return s + 1;
            }
        }
    }

    /** Writes {@code count} new IDs from {@code ids[offset]} on; returns the highest sequence used. */
    private int fill(long[] ids, int offset, int count) {
        long maxSequence = 0;
        int filled = 0;
        while (filled < count) {
            long first = reserve(count - filled);
            long firstSequence = first & sequenceMask;
            int run = (int) Math.min(count - filled, sequenceMask - firstSequence + 1);
            writeRun(first, ids, offset + filled, run);
            filled += run;
            maxSequence = Math.max(maxSequence, firstSequence + run - 1);
        }
        return (int) maxSequence;
    }

    /**
     * Writes the {@code run} IDs a reservation took, from {@code first} ({@code tick << sequenceBits |
     * sequence}) on, once the high-water mark covers the tick and the lease allows it.
     */
    private void writeRun(long first, long[] ids, int at, int run) {
        long tick = first >>> sequenceBits;
        if (guard != null) {
            guard.cover(tick);
        }
        if (lease != null) {
            checkLease(tick);
        }
        long step = 1L << sequenceShift;
        long base = prefix | tick << timestampShift | (first & sequenceMask) << sequenceShift;
        for (int i = 0; i < run; i++) {
            ids[at + i] = base + i * step;
        }
    }

    /**
     * Takes up to {@code wanted} consecutive sequence numbers of one tick with one compare-and-set and
     * returns the first as {@code tick << sequenceBits | sequence}. The run's length is
     * {@code min(wanted, sequenceMask - sequence + 1)}.
     */
    private long reserve(long wanted) {
        for (;;) {
            long s = state;
            if (s == CLOSED) {
                throw closed();
            }
            long now = currentTick();
            long last = s >>> sequenceBits;
            if (now > last) {
                if (startTick(s, now, wanted)) {
                    return now << sequenceBits;
                }
                continue;
            }
            long behind = last - now;
            if (behind > borrowLeadTicks && !mayIssueWhileBehind(now, last)) {
                continue;
            }
            long sequence = s & sequenceMask;
            if (sequence < sequenceMask) {
                if (STATE.compareAndSet(this, s, s + Math.min(wanted, sequenceMask - sequence))) {
                    return s + 1;
                }
            } else if (last >= maxTick) {
                // The last tick the layout can carry is used up: no later tick will ever be issuable.
                throw expired(last + 1);
            } else if (behind + 1 <= leadLimit(behind)) {
                if (startTick(s, last + 1, wanted)) {
                    counters.borrowedTick();
                    return (last + 1) << sequenceBits;
                }
            } else {
                // The next tick may be taken once the lead drops below the limit: one clock tick, not lead + 1.
                awaitTick(last + 1 - leadLimit(behind), last);
            }
        }
    }

    /**
     * Runs after the compare-and-set that took the ID. {@link #close()} swaps the state for {@link #CLOSED}
     * before it releases the lease, so this ID's tick is within the mark it releases with; checking
     * {@code released} as well keeps a closed generator from handing out anything after the release.
     * An ID refused here is skipped, never handed out later.
     */
    private void checkLease(long tick) {
        if (released) {
            throw closed();
        }
        long overdueNanos = System.nanoTime() - lease.validUntilNanos();
        if (overdueNanos >= 0) {
            throw new LeaseNotValidException(lease.describe() + " passed its deadline " + overdueNanos / 1_000_000
                    + " ms ago without an acknowledged renewal: not issuing until a worker lease is held again");
        }
        long reservedUntil = lease.reservedUntilMillis();
        if (layout.millisOf(tick) > reservedUntil) {
            lease.requestRenewal();
            throw new LeaseNotValidException("the clock reads " + Instant.ofEpochMilli(layout.millisOf(tick))
                    + ", past what " + lease.describe() + " has reserved in the coordinator ("
                    + Instant.ofEpochMilli(reservedUntil) + "); a renewal was requested, retry shortly");
        }
    }

    private boolean startTick(long s, long tick, long wanted) {
        if (tick > maxTick) {
            throw expired(tick);
        }
        long run = Math.min(wanted, sequenceMask + 1);
        if (!STATE.compareAndSet(this, s, (tick << sequenceBits) + run - 1)) {
            return false;
        }
        if (s != initialState) {
            counters.tickCompleted(s & sequenceMask);
        }
        return true;
    }

    private long currentTick() {
        long sinceEpoch = time.currentTimeMillis() - epochMillis;
        // A division costs more than the rest of the hot path; skip it for the common 1 ms tick.
        return tickMillis == 1 ? sinceEpoch : Math.floorDiv(sinceEpoch, tickMillis);
    }

    /**
     * The clock reads earlier than the last issued tick by more than overflow borrowing explains.
     * Returns true when the logical-offset policy lets issuing go on ahead of the clock, false after a
     * wait for the clock to catch up (the caller re-reads both); throws otherwise.
     */
    private boolean mayIssueWhileBehind(long now, long last) {
        long behindMillis = (last - now) * tickMillis;
        counters.rollbackSeen(last, last + aheadLimitTicks, behindMillis, System.currentTimeMillis());
        if (last - now <= aheadLimitTicks) {
            return true;
        }
        if (rollbackPolicy.kind() == ClockRollbackPolicy.Kind.WAIT && behindMillis <= waitBoundMillis) {
            long target = layout.millisOf(last - aheadLimitTicks);
            Waiting.untilMillis(time, target, waitBoundMillis * 1_000_000L);
            if (time.currentTimeMillis() >= target) {
                return false;
            }
        }
        throw new ClockMovedBackwardsException("clock moved backwards: it reads "
                + Instant.ofEpochMilli(time.currentTimeMillis()) + ", " + behindMillis + " ms behind the newest"
                + " timestamp already issued (" + Instant.ofEpochMilli(layout.millisOf(last)) + "); policy "
                + rollbackPolicy + " will not issue until the clock passes it. Check NTP/chrony for a step"
                + " adjustment, a VM pause or resume, or a manual clock change", behindMillis);
    }

    /** How many ticks ahead of the clock the next tick may lie: the overflow policy's lead, or the rollback policy's while behind. */
    private long leadLimit(long behind) {
        return behind > borrowLeadTicks ? aheadLimitTicks : borrowLeadTicks;
    }

    /**
     * The sequence is used up and the lead is at its limit: waits until the clock reaches {@code target},
     * the first tick at which taking {@code last + 1} stays within the limit (or the clock steps back past
     * what any policy allows, which the caller then handles).
     */
    private void awaitTick(long target, long last) {
        long start = System.nanoTime();
        long now;
        while ((now = currentTick()) < target && last - now <= aheadLimitTicks) {
            Waiting.pauseBefore(time, layout.millisOf(target));
        }
        counters.overflowWaited(System.nanoTime() - start);
    }

    private LayoutExpiredException expired(long tick) {
        return new LayoutExpiredException("layout '" + layout.name() + "' is full: tick " + tick + " exceeds its "
                + layout.width(Field.TIMESTAMP) + "-bit timestamp (max tick " + maxTick + ", end of life "
                + layout.endOfLife() + "); no further ID can be issued: configure a layout with a later epoch");
    }

    @Override
    public Readiness readiness() {
        long s = state;
        if (s == CLOSED) {
            return Readiness.notReady(closed().getMessage());
        }
        long nowMillis = time.currentTimeMillis();
        if (nowMillis >= layout.endOfLifeMillis() || (s >>> sequenceBits) >= maxTick && (s & sequenceMask) == sequenceMask) {
            return Readiness.notReady(expired(Math.max((s >>> sequenceBits) + 1, layout.tickOf(nowMillis))).getMessage());
        }
        long behindMillis = ((s >>> sequenceBits) - currentTick()) * tickMillis;
        long toleratedMillis = aheadLimitTicks * tickMillis + waitBoundMillis;
        if (behindMillis > toleratedMillis) {
            return Readiness.notReady("the clock reads " + behindMillis + " ms behind the newest timestamp already issued,"
                    + " more than the " + toleratedMillis + " ms that rollback policy " + rollbackPolicy
                    + " tolerates: not issuing until it catches up");
        }
        if (lease != null && System.nanoTime() - lease.validUntilNanos() >= 0) {
            return Readiness.notReady(lease.describe() + " passed its deadline without an acknowledged renewal");
        }
        return Readiness.READY;
    }

    @Override
    public BitLayout layout() {
        return layout;
    }

    @Override
    public int datacenter() {
        return datacenter;
    }

    @Override
    public int worker() {
        return worker;
    }

    @Override
    public GeneratorStats stats() {
        long s = state;
        if (s == CLOSED) {
            s = stateAtClose;
        }
        long last = s >>> sequenceBits;
        long currentTickIds = s == initialState ? 0 : (s & sequenceMask) + 1;
        long nowMillis = time.currentTimeMillis();
        long leadMillis = Math.max(0, layout.millisOf(last) - layout.millisOf(layout.tickOf(nowMillis)));
        return counters.snapshot(currentTickIds, s == initialState ? 0 : leadMillis, sequenceMask + 1,
                layout.lifetimeUsed(nowMillis), guard == null ? -1 : guard.reservedUntilMillis());
    }

    /**
     * Swaps the state for {@link #CLOSED} in one atomic step, so the tick it read is exactly the last one
     * any compare-and-set took: that is what the high-water mark stores and the lease is released with.
     */
    @Override
    public void close() {
        long last = (long) STATE.getAndSet(this, CLOSED);
        if (last == CLOSED) {
            return;
        }
        stateAtClose = last;
        long lastTick = last >>> sequenceBits;
        if (guard != null) {
            guard.close(lastTick);
        }
        if (lease != null) {
            released = true;
            lease.release(layout.millisOf(lastTick + 1) - 1);
        }
    }

    private GeneratorClosedException closed() {
        return new GeneratorClosedException("generator " + layout.name() + " dc=" + datacenter + " worker=" + worker
                + " is closed: it stored its last timestamp and issues no more IDs");
    }

    @Override
    public String toString() {
        return "IdGenerator[" + layout.name() + ", dc=" + datacenter + ", worker=" + worker + ", " + time + "]";
    }
}
