package io.idmint.core;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Keeps a persisted reservation ahead of every tick a generator hands out. The hot path is one volatile
 * read ({@link #cover(long)}); the thread that first crosses the half-way point of the reservation
 * renews it, and only a thread whose tick lies beyond the reservation waits for the write.
 */
final class HighWaterGuard {
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
                } finally {
                    lock.unlock();
                }
            }
            return;
        }
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("generator is closed: its high-water mark " + store.location()
                        + " was released");
            }
            if (tick > reservedTick) {
                persist(tick);
            }
        } finally {
            lock.unlock();
        }
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
     * Stores the exact last tick issued and releases the store. Ordering matters: {@code closing} is
     * set before {@code renewAtTick} drops, and the state is read after both, so every issuer either
     * finished its compare-and-set before the read below, or sees {@code closing} and fails.
     */
    synchronized void close(LongSupplier lastIssuedTick) {
        if (closing) {
            return;
        }
        closing = true;
        renewAtTick = Long.MIN_VALUE;
        lock.lock();
        try {
            // A renewal that held the lock when close() began may have raised it again.
            renewAtTick = Long.MIN_VALUE;
            long last = Math.min(reservedTick, lastIssuedTick.getAsLong());
            store.store(new HighWaterMark(layout.millisOf(last + 1) - 1, time.currentTimeMillis()));
            reservedTick = last;
        } finally {
            lock.unlock();
            store.close();
        }
    }
}
