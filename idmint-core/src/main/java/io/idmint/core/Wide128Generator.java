package io.idmint.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The extended 128-bit layout: a 64-bit Unix-nanosecond timestamp (unsigned: until the year 2554), a
 * 48-bit node and a 16-bit sequence, most significant first. IDs of one node strictly increase; nodes
 * must be distinct, as Snowflake workers must.
 *
 * <p>A timestamp that would repeat (the clock stands still, or steps back) is replaced by the last one plus
 * the next sequence number, carrying into the timestamp after 65,536: the generator runs ahead of the
 * clock instead of waiting, by at most {@code maxLead}, beyond which it refuses (retry later) until the
 * clock catches up. A {@link HighWaterMarkStore} makes that hold across restarts too.
 *
 * <p>Thread-safe. The state is two words (timestamp and sequence), which no single compare-and-set covers,
 * so issuing holds this object's monitor: a few tens of nanoseconds per ID, uncontended.
 */
public final class Wide128Generator implements AutoCloseable {
    public static final long MAX_NODE = (1L << 48) - 1;
    private static final int MAX_SEQUENCE = 0xFFFF;

    private final long node;
    private final TimeSource time;
    private final long maxLeadNanos;
    private final HighWaterGuard guard;
    private long lastNanos;
    private int lastSequence = MAX_SEQUENCE;
    private boolean closed;

    private Wide128Generator(Builder b, HighWaterGuard guard) {
        this.node = b.node;
        this.time = b.time;
        this.maxLeadNanos = b.maxLead.toNanos();
        this.guard = guard;
        // An earlier run may have used every timestamp up to its mark: start after it.
        this.lastNanos = guard == null ? 0 : UnixMillisGuard.UNIX_MILLIS.millisOf(guard.floorTick() + 1) * 1_000_000L - 1;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long node() {
        return node;
    }

    /** One ID. */
    public Id128 next() {
        long[] one = new long[2];
        next(one, 0, 1);
        return Id128.from(one, 0);
    }

    /**
     * Writes {@code count} strictly increasing IDs, two words each, from {@code into[2 * offset]} on.
     *
     * @throws ClockMovedBackwardsException (retry later) when issuing would run more than maxLead ahead of the clock
     * @throws GeneratorClosedException once closed
     */
    public synchronized void next(long[] into, int offset, int count) {
        Preconditions.checkRange("count", count, 1, IdGenerator.MAX_BATCH);
        Preconditions.checkRange("offset", offset, 0, into.length / 2 - count);
        if (closed) {
            throw new GeneratorClosedException("128-bit generator node " + node + " is closed: it stored its last"
                    + " timestamp and issues no more IDs");
        }
        long now = time.currentTimeNanos();
        long stamp = lastNanos;
        int sequence = lastSequence;
        for (int i = 0; i < count; i++) {
            if (now > stamp) {
                stamp = now;
                sequence = 0;
            } else if (sequence < MAX_SEQUENCE) {
                sequence++;
            } else {
                stamp++;
                sequence = 0;
            }
            into[2 * (offset + i)] = stamp;
            into[2 * (offset + i) + 1] = node << 16 | sequence;
        }
        checkLead(stamp, now);
        if (guard != null) {
            guard.cover(Math.floorDiv(stamp, 1_000_000L));
        }
        lastNanos = stamp;
        lastSequence = sequence;
    }

    private void checkLead(long stamp, long now) {
        if (stamp - now > maxLeadNanos) {
            long behindMillis = (stamp - now) / 1_000_000L;
            throw new ClockMovedBackwardsException("the clock reads " + Instant.ofEpochSecond(0, now) + ", "
                    + behindMillis + " ms behind the newest 128-bit timestamp this generator would issue ("
                    + Instant.ofEpochSecond(0, stamp) + "), more than the " + maxLeadNanos / 1_000_000L
                    + " ms lead it may run ahead: not issuing until the clock catches up", behindMillis);
        }
    }

    /** Ready unless closed or the clock reads further behind the last timestamp than the lead allows. */
    public synchronized Readiness readiness() {
        if (closed) {
            return Readiness.notReady("closed");
        }
        long behindNanos = lastNanos - time.currentTimeNanos();
        if (behindNanos > maxLeadNanos) {
            return Readiness.notReady("the clock reads " + behindNanos / 1_000_000L + " ms behind the newest timestamp"
                    + " issued, more than the " + maxLeadNanos / 1_000_000L + " ms lead allowed");
        }
        return Readiness.READY;
    }

    /** How far the last timestamp issued lies ahead of the clock, in ms (0 when behind it). */
    public synchronized long leadMillis() {
        return Math.max(0, (lastNanos - time.currentTimeNanos()) / 1_000_000L);
    }

    /** Stores the exact last timestamp in the high-water mark; later calls to {@link #next} fail as permanent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (guard != null) {
            guard.close(Math.floorDiv(lastNanos, 1_000_000L));
        }
    }

    @Override
    public String toString() {
        return "Wide128Generator[node=" + node + ", " + time + "]";
    }

    /** Options of a {@link Wide128Generator}; {@code node} is required. */
    public static final class Builder {
        private long node = -1;
        private TimeSource time = TimeSource.system();
        private Duration maxLead = Duration.ofSeconds(1);
        private HighWaterMarkStore highWaterMark;
        private Duration maxStartupWait = Duration.ofSeconds(3);

        private Builder() {}

        /** @throws IllegalArgumentException naming the value and the limit */
        public Builder node(long node) {
            this.node = Preconditions.checkRange("node", node, 0, MAX_NODE);
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Preconditions.checkNotNull("time", time);
            return this;
        }

        /** How far ahead of the clock timestamps may run when it stands still or steps back: 0..1 h, default 1 s. */
        public Builder maxLead(Duration maxLead) {
            Preconditions.checkRange("maxLead in ms", maxLead.toMillis(), 0, 3_600_000);
            this.maxLead = maxLead;
            return this;
        }

        /** Where the generator keeps its reservation ahead of the clock, so a restart never issues below it. */
        public Builder highWaterMark(HighWaterMarkStore store) {
            this.highWaterMark = store;
            return this;
        }

        /** How long a start may wait for the clock to pass the stored mark before it fails: 0..1 h, default 3 s. */
        public Builder maxStartupWait(Duration wait) {
            Preconditions.checkRange("maxStartupWait in ms", wait.toMillis(), 0, 3_600_000);
            this.maxStartupWait = wait;
            return this;
        }

        /** @throws IllegalStateException when no node was set */
        public Wide128Generator build() {
            if (node < 0) {
                throw new IllegalStateException("a 128-bit generator needs a node: 0.." + MAX_NODE);
            }
            HighWaterGuard guard = highWaterMark == null ? null : UnixMillisGuard.start(highWaterMark, time, maxStartupWait);
            return new Wide128Generator(this, guard);
        }
    }
}
