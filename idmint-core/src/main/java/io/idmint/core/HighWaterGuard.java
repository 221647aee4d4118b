package io.idmint.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a persisted reservation ahead of every tick a generator hands out. The hot path is one volatile
 * read ({@link #cover(long)}); the thread that first crosses the half-way point of the reservation
 * renews it, and only a thread whose tick lies beyond the reservation waits for the write.
 */
final class HighWaterGuard {
    private static final System.Logger LOG = System.getLogger(HighWaterGuard.class.getName());
    private final HighWaterMarkStore store;
    private final BitLayout layout;
    private final TimeSource time;
    private final long windowTicks;
    private final ReentrantLock lock = new ReentrantLock();
    private final long floorTick;
    private volatile long renewAtTick;
    private volatile long reservedTick;
    private volatile boolean closing;

    HighWaterGuard(HighWaterMarkStore store, BitLayout layout, TimeSource time, long floorTick, Duration window) {
        this.store = store;
        this.layout = layout;
        this.time = time;
        // At least two ticks, so that renewing at half-way happens before the reservation runs out.
        this.windowTicks = Math.max(2, window.toMillis() / layout.tickMillis());
        this.floorTick = floorTick;
        this.reservedTick = floorTick;
        this.renewAtTick = floorTick;
        lock.lock();
        try {
            persist(Math.max(floorTick + 1, layout.tickOf(time.currentTimeMillis())));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A guard over {@code store}'s mark, when there is one ({@code mark}, possibly filtered by the caller):
     * waits up to {@code maxStartupWait} for the clock to pass it, then reserves ahead of it.
     */
    static HighWaterGuard start(HighWaterMarkStore store, Optional<HighWaterMark> mark, BitLayout layout,
                                TimeSource time, Duration maxStartupWait, Duration window) {
        long floorTick = mark.isPresent() ? Math.max(0, layout.tickOf(mark.get().reservedUntilMillis())) : 0;
        if (mark.isPresent()) {
            StartupWait.untilPast(time, mark.get(), maxStartupWait, store.location());
        }
        return new HighWaterGuard(store, layout, time, floorTick, window);
    }

    /** The last tick an earlier incarnation may have used: this one starts after it. */
    long floorTick() {
        return floorTick;
    }

    long reservedUntilMillis() {
        return layout.millisOf(reservedTick + 1) - 1;
    }

    /** Returns once {@code tick} is covered by a durable reservation. */
    void cover(long tick) {
        if (tick > renewAtTick) {
            renew(tick);
        }
    }

    private void renew(long tick) {
        if (!closing && tick <= reservedTick) {
            // Still covered: renew ahead if no other thread is already doing so, never wait for it.
            if (lock.tryLock()) {
                try {
                    if (tick > renewAtTick && !closing) {
                        persist(tick);
                    }
                } catch (RuntimeException e) {
                    // This tick is covered already: the ID is safe. The next issuer past half-way tries again,
                    // and one past the reservation takes the path below and fails if the store still cannot write.
                    earlyRenewalFailed(e);
                } finally {
                    lock.unlock();
                }
            }
            return;
        }
        lock.lock();
        try {
            if (closing) {
                throw new GeneratorClosedException("generator is closed: its high-water mark " + store.location()
                        + " was released");
            }
            if (tick > reservedTick) {
                persist(tick);
            }
        } finally {
            lock.unlock();
        }
    }

    private void earlyRenewalFailed(RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "renewing the high-water mark " + store.location()
                + " ahead of time failed; IDs inside the current reservation are still issued", e);
    }

    /** Called with the lock held. */
    private void persist(long fromTick) {
        long until = fromTick + windowTicks;
        store.store(new HighWaterMark(layout.millisOf(until + 1) - 1, time.currentTimeMillis()));
        reservedTick = until;
        // A close() that began meanwhile has pushed every issuer onto the slow path: keep them there.
        if (!closing) {
            renewAtTick = until - windowTicks / 2;
        }
    }

    /**
     * Whether {@code tick} is covered by the durable reservation with no renewal due: issuing it needs no
     * write. False once closing began.
     */
    boolean coversWithoutWriting(long tick) {
        return tick <= renewAtTick;
    }

    /**
     * Stores the exact last tick issued and releases the store. The generator took {@code lastIssuedTick}
     * from its state in the same atomic step that closed it, so no compare-and-set can take a later tick;
     * an issuer that took an earlier one and reaches {@link #cover} after {@code closing} is set fails.
     */
    synchronized void close(long lastIssuedTick) {
        if (closing) {
            return;
        }
        closing = true;
        renewAtTick = Long.MIN_VALUE;
        lock.lock();
        try {
            // A renewal that held the lock when close() began may have raised it again.
            renewAtTick = Long.MIN_VALUE;
            long last = Math.min(reservedTick, lastIssuedTick);
            store.store(new HighWaterMark(layout.millisOf(last + 1) - 1, time.currentTimeMillis()));
            reservedTick = last;
        } finally {
            lock.unlock();
            store.close();
        }
    }
}
