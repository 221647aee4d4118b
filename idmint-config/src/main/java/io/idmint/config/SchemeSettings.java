package io.idmint.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which ID scheme a generator runs ({@code scheme:}) and that scheme's own section. Snowflake and HLC use
 * the {@code layout:}, {@code generator:} and {@code workers:} sections; the others have their own. A
 * generator's scheme is its own: named generators do not inherit the top level's.
 */
public sealed interface SchemeSettings {
    /** The names {@code scheme:} accepts, in the order the documentation lists them. */
    List<String> NAMES = List.of("snowflake", "segment", "hlc", "uuid7", "wide128");

    /** The name in {@code scheme:}. */
    String name();

    /** Whether IDs carry a layout's datacenter and worker (and so may be leased). */
    default boolean usesWorkers() {
        return false;
    }

    /** The default: 64-bit Snowflake IDs of the configured layout. */
    record Snowflake() implements SchemeSettings {
        public static final Snowflake INSTANCE = new Snowflake();

        @Override
        public String name() {
            return "snowflake";
        }

        @Override
        public boolean usesWorkers() {
            return true;
        }
    }

    /**
     * A hybrid logical clock: Snowflake IDs of a layout with the node below the counter (preset {@code hlc}
     * unless the generator sets its own), which run ahead of the clock instead of waiting and merge other
     * nodes' IDs.
     *
     * @param maxDrift how far its IDs may run ahead of this node's clock (a rollback, a burst, a merged ID)
     */
    record Hlc(Duration maxDrift) implements SchemeSettings {
        public static final Hlc DEFAULT = new Hlc(Duration.ofSeconds(10));

        public Hlc {
            Objects.requireNonNull(maxDrift, "maxDrift");
        }

        @Override
        public String name() {
            return "hlc";
        }

        @Override
        public boolean usesWorkers() {
            return true;
        }
    }

    /**
     * RFC 9562 UUIDv7 with a 32-bit node in {@code rand_b}.
     *
     * @param node the node, or -1 for {@code datacenter << 16 | worker}
     */
    record Uuid7(long node) implements SchemeSettings {
        public static final Uuid7 DEFAULT = new Uuid7(-1);

        @Override
        public String name() {
            return "uuid7";
        }
    }

    /**
     * The extended 128-bit layout: 64-bit nanoseconds, 48-bit node, 16-bit sequence.
     *
     * @param node the node, or -1 for {@code datacenter << 16 | worker}
     * @param maxLead how far timestamps may run ahead of the clock when it stands still or steps back
     */
    record Wide128(long node, Duration maxLead) implements SchemeSettings {
        public static final Wide128 DEFAULT = new Wide128(-1, Duration.ofSeconds(1));

        public Wide128 {
            Objects.requireNonNull(maxLead, "maxLead");
        }

        @Override
        public String name() {
            return "wide128";
        }
    }

    /**
     * Segments of a counter per business key (the ticket-server model) in PostgreSQL or Redis.
     *
     * @param store {@code postgresql} or {@code redis}
     * @param urls one JDBC URL or Redis URI per store; store i issues the values ≡ i (mod urls.size())
     * @param user the database user (PostgreSQL), or null for the URL's
     * @param passwordEnv the environment variable that holds the password, or null for none
     * @param bizTag the business key whose counter this generator draws from
     * @param step the first segment's size, or 0 for the key's stored step (1000 for a key created on first use)
     * @param minStep the smallest segment the adaptive step may choose
     * @param maxStep the largest segment the adaptive step may choose
     * @param segmentDuration how long a segment should last: the adaptive step aims at it
     * @param refillAtUsedRatio how much of a segment is used when the next one is fetched in the background
     * @param maxWait how long a caller waits for a segment when both buffers are used up, before "retry later"
     * @param requireDurable refuse a Redis whose persistence could lose a segment taken before a crash
     */
    record Segment(String store, List<String> urls, String user, String passwordEnv, String bizTag, long step,
                   long minStep, long maxStep, Duration segmentDuration, double refillAtUsedRatio, Duration maxWait,
                   boolean requireDurable) implements SchemeSettings {
        public static final Segment DEFAULT = new Segment("postgresql", List.of(), null, "IDMINT_SEGMENT_PASSWORD", null,
                0, 100, 1_000_000, Duration.ofSeconds(60), 0.25, Duration.ofSeconds(2), true);

        public Segment {
            Objects.requireNonNull(store, "store");
            urls = List.copyOf(urls);
            Objects.requireNonNull(segmentDuration, "segmentDuration");
            Objects.requireNonNull(maxWait, "maxWait");
        }

        @Override
        public String name() {
            return "segment";
        }
    }
}
