package io.idmint.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Configures an {@link IdGenerator}; {@link #build()} validates everything eagerly. */
public final class IdGeneratorBuilder {
    final BitLayout layout;
    long datacenter;
    long worker;
    TimeSource timeSource = TimeSource.system();
    ClockRollbackPolicy rollbackPolicy = ClockRollbackPolicy.defaultPolicy();
    SequenceOverflowPolicy overflowPolicy = SequenceOverflowPolicy.spinToNextTick();
    HighWaterMarkStore highWaterMarkStore;
    Duration reservationWindow = Duration.ofSeconds(1);
    Duration maxStartupWait = Duration.ofSeconds(3);
    Duration ignoreMarksOlderThan;
    WorkerLease lease;
    private boolean storeHandedOver;

    IdGeneratorBuilder(BitLayout layout) {
        this.layout = Preconditions.checkNotNull("layout", layout);
    }

    public IdGeneratorBuilder datacenter(long datacenter) {
        this.datacenter = datacenter;
        return this;
    }

    public IdGeneratorBuilder worker(long worker) {
        this.worker = worker;
        return this;
    }

    public IdGeneratorBuilder timeSource(TimeSource timeSource) {
        this.timeSource = Preconditions.checkNotNull("timeSource", timeSource);
        return this;
    }

    public IdGeneratorBuilder rollbackPolicy(ClockRollbackPolicy policy) {
        this.rollbackPolicy = Preconditions.checkNotNull("rollbackPolicy", policy);
        return this;
    }

    public IdGeneratorBuilder overflowPolicy(SequenceOverflowPolicy policy) {
        this.overflowPolicy = Preconditions.checkNotNull("overflowPolicy", policy);
        return this;
    }

    /** Persist restart safety in {@code store}; the generator owns it from here and closes it. */
    public IdGeneratorBuilder highWaterMark(HighWaterMarkStore store) {
        this.highWaterMarkStore = Preconditions.checkNotNull("highWaterMarkStore", store);
        return this;
    }

    /**
     * Issue as the lease's (datacenter, worker), only while the lease is valid, starting after what its
     * earlier holders may have issued. The generator owns the lease from here and releases it on close.
     * Replaces {@link #datacenter(long)} and {@link #worker(long)}. A {@link #highWaterMark} store may be
     * given as well: the generator then also starts after that store's mark and keeps it current, so a
     * worker ID moved between static and leased allocation never reissues what either one issued.
     */
    public IdGeneratorBuilder lease(WorkerLease lease) {
        this.lease = Preconditions.checkNotNull("lease", lease);
        this.datacenter = lease.datacenter();
        this.worker = lease.worker();
        return this;
    }

    /** How far ahead of the clock each persisted reservation reaches (default 1 s); renewed at half-way. */
    public IdGeneratorBuilder reservationWindow(Duration window) {
        Preconditions.checkRange("reservationWindow in ms", window.toMillis(), 10, 3_600_000);
        this.reservationWindow = window;
        return this;
    }

    /** How long {@link #build()} may wait for the clock to pass a stored high-water mark (default 3 s). */
    public IdGeneratorBuilder maxStartupWait(Duration wait) {
        Preconditions.checkRange("maxStartupWait in ms", wait.toMillis(), 0, 3_600_000);
        this.maxStartupWait = wait;
        return this;
    }

    /**
     * Explicitly ignore a stored high-water mark written longer than {@code age} ago. Off by default:
     * ignoring a mark can reissue IDs if the earlier incarnation's clock ran ahead.
     */
    public IdGeneratorBuilder ignoreMarksOlderThan(Duration age) {
        this.ignoreMarksOlderThan = Preconditions.checkNotNull("age", age);
        return this;
    }

    /**
     * @throws IllegalArgumentException when datacenter or worker is out of the layout's range
     * @throws LayoutExpiredException when the layout is past its end of life by the configured clock
     * @throws ClockBehindHighWaterMarkException when the clock stays behind the stored mark longer than allowed
     */
    public IdGenerator build() {
        if (storeHandedOver) {
            throw new IllegalStateException("this builder's high-water mark store went to an earlier build(), which"
                    + " closed it on failure or owns it now: open a new store and use a new builder");
        }
        storeHandedOver = highWaterMarkStore != null || lease != null;
        try {
            Preconditions.checkRange("datacenter", datacenter, 0, layout.maxValue(Field.DATACENTER));
            Preconditions.checkRange("worker", worker, 0, layout.maxValue(Field.WORKER));
            long now = timeSource.currentTimeMillis();
            if (now >= layout.endOfLifeMillis()) {
                throw new LayoutExpiredException("layout '" + layout.name() + "' ended its life at "
                        + layout.endOfLife() + " and the clock reads " + Instant.ofEpochMilli(now)
                        + ": configure a layout with a later epoch or a wider timestamp");
            }
            HighWaterGuard guard = highWaterMarkStore == null ? null : startGuard();
            return new SnowflakeGenerator(this, guard, lease == null ? 0 : leaseFloorTick());
        } catch (RuntimeException e) {
            if (highWaterMarkStore != null) {
                highWaterMarkStore.close();
            }
            if (lease != null) {
                // Nothing was issued: hand the ID back with the earlier holders' mark unchanged.
                lease.release(lease.previousHolders().map(HighWaterMark::reservedUntilMillis).orElse(-1L));
            }
            throw e;
        }
    }

    private long leaseFloorTick() {
        Optional<HighWaterMark> mark = lease.previousHolders();
        if (mark.isEmpty()) {
            return 0;
        }
        StartupWait.untilPast(timeSource, mark.get(), maxStartupWait, lease.describe());
        return Math.max(0, layout.tickOf(mark.get().reservedUntilMillis()));
    }

    private HighWaterGuard startGuard() {
        Optional<HighWaterMark> mark = highWaterMarkStore.load();
        long now = timeSource.currentTimeMillis();
        if (mark.isPresent() && ignoreMarksOlderThan != null
                && now - mark.get().writtenAtMillis() > ignoreMarksOlderThan.toMillis()) {
            mark = Optional.empty();
        }
        return HighWaterGuard.start(highWaterMarkStore, mark, layout, timeSource, maxStartupWait, reservationWindow);
    }
}
