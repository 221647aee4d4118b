package io.idmint.server;

import java.time.Duration;

/**
 * How {@code serve} warms itself up before readiness says ready: it sends itself real requests over loopback,
 * through its own HTTP and gRPC ports, so that the first requests a load balancer sends do not meet a cold JVM
 * (interpreted code, unloaded classes, empty connection and buffer pools). Bounded twice: at most
 * {@code requests} per transport, and no longer than {@code deadline} in all.
 *
 * <p>The IDs it is given are discarded. That is harmless for Snowflake, HLC, UUIDv7 and 128-bit IDs: an ID
 * never handed out leaves no gap anyone relies on. A {@code segment} generator's values are a dense range
 * taken from the database, and every discarded one would be a hole in it, so the warm-up never asks a
 * segment generator for IDs; with nothing else to issue from, it warms the read-only paths only.
 *
 * @param requests requests per transport; 0 turns the warm-up off
 * @param deadline how long the warm-up may take at most
 */
public record Warmup(int requests, Duration deadline) {
    /** The longest a warm-up takes by default: a readiness probe period is typically 10 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
    /** No warm-up: ready as soon as the generators can issue. */
    public static final Warmup NONE = new Warmup(0, Duration.ZERO);
    /** What readiness says while the warm-up runs. */
    public static final String REASON = "warming up: serving itself requests over loopback before taking traffic";

    public Warmup {
        if (requests < 0) {
            throw new IllegalArgumentException("warm-up requests must be 0 or more: requests=" + requests);
        }
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("warm-up deadline must not be negative: deadline=" + deadline);
        }
    }

    /** Up to {@code requests} per transport within {@link #DEFAULT_DEADLINE}; 0 is {@link #NONE}. */
    public static Warmup of(int requests) {
        return requests == 0 ? NONE : new Warmup(requests, DEFAULT_DEADLINE);
    }

    /** This warm-up, ending at {@code newDeadline} at the latest. */
    public Warmup withDeadline(Duration newDeadline) {
        return new Warmup(requests, newDeadline);
    }

    public boolean enabled() {
        return requests > 0 && !deadline.isZero();
    }

    /**
     * What a warm-up did.
     *
     * @param millis how long it took
     * @param requests requests answered over both transports (an error answer counts: it ran the code too)
     */
    public record Result(long millis, long requests) {
        public static final Result NONE = new Result(0, 0);
    }
}
