package io.idmint.core;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, a 12-bit counter in {@code rand_a} (the RFC's
 * "fixed-length dedicated counter", method 1) and 62 random bits in {@code rand_b}. Monotonic within the
 * process: when the clock stands still or steps back, the counter carries into the timestamp, which
 * then runs ahead of the clock until it catches up (RFC 9562 section 6.2). Thread-safe, lock-free.
 */
public final class UuidV7Generator {
    private static final int COUNTER_BITS = 12;

    private final TimeSource time;
    private final RandomGenerator random;
    /** {@code unixMillis << 12 | counter} of the last UUID issued. */
    private final AtomicLong last = new AtomicLong();

    private UuidV7Generator(TimeSource time, RandomGenerator random) {
        this.time = time;
        this.random = random;
    }

    /** System clock and {@link SecureRandom}, as RFC 9562 recommends for unguessable random bits. */
    public static UuidV7Generator create() {
        return new UuidV7Generator(TimeSource.system(), new SecureRandom());
    }

    /** A chosen clock and random source, e.g. a faster non-cryptographic one where guessability does not matter. */
    public static UuidV7Generator create(TimeSource time, RandomGenerator random) {
        return new UuidV7Generator(Preconditions.checkNotNull("time", time), Preconditions.checkNotNull("random", random));
    }

    public UUID next() {
        long floor = time.currentTimeMillis() << COUNTER_BITS;
        long prev;
        long next;
        do {
            prev = last.get();
            next = Math.max(floor, prev + 1);
        } while (!last.compareAndSet(prev, next));
        long unixMillis = next >>> COUNTER_BITS;
        long counter = next & ((1L << COUNTER_BITS) - 1);
        long msb = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long lsb = 0x8000_0000_0000_0000L | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(msb, lsb);
    }

    /** The Unix milliseconds a UUIDv7 carries. */
    public static long unixMillis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("uuid must be version 7: version=" + uuid.version() + " uuid=" + uuid);
        }
        return uuid.getMostSignificantBits() >>> 16;
    }
}
