package io.idmint.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, a 12-bit counter in {@code rand_a} (the RFC's
 * "fixed-length dedicated counter", method 1) and, in the 62 bits of {@code rand_b}, a 32-bit node above
 * 30 random bits (the RFC allows a node identifier there, section 6.4). Monotonic within the process: when
 * the clock stands still or steps back, the counter carries into the timestamp, which then runs ahead of
 * the clock until it catches up (RFC 9562 section 6.2).
 *
 * <p>Uniqueness: one generator never repeats (timestamp, counter); generators with distinct nodes never
 * collide; a {@link HighWaterMarkStore} keeps a restarted generator above what it issued before. Without a
 * node ({@link #create()}), all 62 bits are random and uniqueness across generators is probabilistic.
 * Thread-safe, lock-free.
 */
public final class UuidV7Generator implements AutoCloseable {
    public static final long MAX_NODE = 0xFFFF_FFFFL;
    private static final int COUNTER_BITS = 12;
    private static final long CLOSED = Long.MIN_VALUE;

    private final TimeSource time;
    private final RandomGenerator random;
    /** -1: no node, 62 random bits. */
    private final long node;
    private final HighWaterGuard guard;
    /** {@code unixMillis << 12 | counter} of the last UUID issued, or {@link #CLOSED}. */
    private final AtomicLong last = new AtomicLong();

    private UuidV7Generator(TimeSource time, RandomGenerator random, long node, HighWaterGuard guard) {
        this.time = time;
        this.random = random;
        this.node = node;
        this.guard = guard;
        if (guard != null) {
            last.set(((guard.floorTick() + 1) << COUNTER_BITS) - 1);
        }
    }

    /** System clock and {@link SecureRandom}, as RFC 9562 recommends for unguessable random bits; no node. */
    public static UuidV7Generator create() {
        return new UuidV7Generator(TimeSource.system(), new SecureRandom(), -1, null);
    }

    /** A chosen clock and random source, e.g. a faster non-cryptographic one where guessability does not matter. */
    public static UuidV7Generator create(TimeSource time, RandomGenerator random) {
        return new UuidV7Generator(Preconditions.checkNotNull("time", time), Preconditions.checkNotNull("random", random),
                -1, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public UUID next() {
        long[] one = new long[2];
        next(one, 0, 1);
        return new UUID(one[0], one[1]);
    }

    /**
     * Writes {@code count} strictly increasing UUIDs, two words each (most significant first), from
     * {@code into[2 * offset]} on, with one compare-and-set.
     *
     * @throws GeneratorClosedException once closed
     */
    public void next(long[] into, int offset, int count) {
        Preconditions.checkRange("count", count, 1, IdGenerator.MAX_BATCH);
        Preconditions.checkRange("offset", offset, 0, into.length / 2 - count);
        long floor = time.currentTimeMillis() << COUNTER_BITS;
        long prev;
        long first;
        do {
            prev = last.get();
            if (prev == CLOSED) {
                throw new GeneratorClosedException("UUIDv7 generator " + (node < 0 ? "" : "node " + node + " ")
                        + "is closed: it stored its last timestamp and issues no more IDs");
            }
            first = Math.max(floor, prev + 1);
        } while (!last.compareAndSet(prev, first + count - 1));
        if (guard != null) {
            guard.cover((first + count - 1) >>> COUNTER_BITS);
        }
        for (int i = 0; i < count; i++) {
            long stamp = first + i;
            into[2 * (offset + i)] = ((stamp >>> COUNTER_BITS) & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (stamp & 0xFFF);
            into[2 * (offset + i) + 1] = 0x8000_0000_0000_0000L | randB();
        }
    }

    private long randB() {
        long bits = random.nextLong();
        return node < 0 ? bits & 0x3FFF_FFFF_FFFF_FFFFL : node << 30 | bits & 0x3FFF_FFFFL;
    }

    /** The node a UUIDv7 of this generator carries in {@code rand_b}, given its least significant word. */
    public static long nodeOf(long leastSignificantBits) {
        return leastSignificantBits >>> 30 & MAX_NODE;
    }

    /** The Unix milliseconds a UUIDv7 carries. */
    public static long unixMillis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("uuid must be version 7: version=" + uuid.version() + " uuid=" + uuid);
        }
        return uuid.getMostSignificantBits() >>> 16;
    }

    /** The node, or -1 when all of {@code rand_b} is random. */
    public long node() {
        return node;
    }

    /** How far the last timestamp issued lies ahead of the clock, in ms (0 when behind it or closed). */
    public long leadMillis() {
        long s = last.get();
        return s == CLOSED ? 0 : Math.max(0, (s >>> COUNTER_BITS) - time.currentTimeMillis());
    }

    public Readiness readiness() {
        return last.get() == CLOSED ? Readiness.notReady("closed") : Readiness.READY;
    }

    /** Stores the exact last timestamp in the high-water mark, if any; later calls to {@link #next} fail as permanent. */
    @Override
    public void close() {
        long s = last.getAndSet(CLOSED);
        if (s != CLOSED && guard != null) {
            guard.close(s >>> COUNTER_BITS);
        }
    }

    @Override
    public String toString() {
        return "UuidV7Generator[" + (node < 0 ? "random" : "node=" + node) + ", " + time + "]";
    }

    /** Options of a {@link UuidV7Generator} with a node. */
    public static final class Builder {
        private long node = -1;
        private TimeSource time = TimeSource.system();
        private RandomGenerator random;
        private HighWaterMarkStore highWaterMark;
        private Duration maxStartupWait = Duration.ofSeconds(3);

        private Builder() {}

        /** The 32-bit node kept in {@code rand_b}; distinct nodes never collide. @throws IllegalArgumentException naming the value and the limit */
        public Builder node(long node) {
            this.node = Preconditions.checkRange("node", node, 0, MAX_NODE);
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Preconditions.checkNotNull("time", time);
            return this;
        }

        /**
         * Where the 30 random bits come from. Default: {@link ThreadLocalRandom}, a per-thread generator with no
         * lock: with a node, uniqueness never rests on these bits, they only keep IDs from being guessed
         * casually. Pass a {@link SecureRandom} when IDs must be unguessable (it costs a synchronized call per ID).
         */
        public Builder random(RandomGenerator random) {
            this.random = Preconditions.checkNotNull("random", random);
            return this;
        }

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
        public UuidV7Generator build() {
            if (node < 0) {
                throw new IllegalStateException("a UUIDv7 generator with a node needs one: 0.." + MAX_NODE
                        + " (UuidV7Generator.create() makes one without)");
            }
            HighWaterGuard guard = highWaterMark == null ? null : UnixMillisGuard.start(highWaterMark, time, maxStartupWait);
            RandomGenerator bits = random != null ? random : () -> ThreadLocalRandom.current().nextLong();
            return new UuidV7Generator(time, bits, node, guard);
        }
    }
}
