package io.idmint.postgres.bench;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.UuidV7Generator;
import java.time.Instant;
import java.util.UUID;

/**
 * A key scheme of the benchmark: its column type, and where its keys come from. Client-side keys travel in the
 * COPY data; server-side ones come from the column's default, so the COPY of every scheme carries the same
 * payload and differs only in the key.
 */
enum Scheme {
    IDMINT("idmint", "bigint", ""),
    BIGSERIAL("bigserial", "bigserial", ""),
    UUIDV7("uuidv7", "uuid", ""),
    UUIDV4("uuidv4", "uuid", " DEFAULT gen_random_uuid()");

    final String label;
    final String type;
    final String defaultClause;

    Scheme(String label, String type, String defaultClause) {
        this.label = label;
        this.type = type;
        this.defaultClause = defaultClause;
    }

    boolean clientKeys() {
        return this == IDMINT || this == UUIDV7;
    }

    /** The SQL type a key is bound as in lookups ({@code bigserial} is a bigint). */
    String keyType() {
        return type.equals("bigserial") ? "bigint" : type;
    }

    String table() {
        return "bench_" + label;
    }

    /** Fills {@code into} with this scheme's next keys as COPY text, in generation order; server-side schemes write nothing. */
    interface Keys extends AutoCloseable {
        void next(String[] into);

        @Override
        void close();
    }

    Keys keys() {
        return switch (this) {
            case IDMINT -> new IdmintKeys();
            case UUIDV7 -> new UuidV7Keys();
            default -> new ServerKeys();
        };
    }

    /** The Java generator's IDs, default layout, worker 1, in generation order. */
    private static final class IdmintKeys implements Keys {
        private final IdGenerator g = IdGenerator.builder(BitLayout.DEFAULT).worker(1).build();
        private long[] ids = new long[0];

        @Override
        public void next(String[] into) {
            if (ids.length != into.length) {
                ids = new long[into.length];
            }
            g.nextIds(ids, 0, ids.length);
            for (int i = 0; i < ids.length; i++) {
                into[i] = Long.toString(ids[i]);
            }
        }

        @Override
        public void close() {
            g.close();
        }
    }

    /** idmint's RFC 9562 UUIDv7 generator, node 1. */
    private static final class UuidV7Keys implements Keys {
        private final UuidV7Generator g = UuidV7Generator.builder().node(1).build();

        @Override
        public void next(String[] into) {
            long[] words = new long[2 * into.length];
            g.next(words, 0, into.length);
            for (int i = 0; i < into.length; i++) {
                into[i] = new UUID(words[2 * i], words[2 * i + 1]).toString();
            }
        }

        @Override
        public void close() {
            g.close();
        }
    }

    /** bigserial and UUIDv4: the column's default makes the key. */
    private static final class ServerKeys implements Keys {
        @Override
        public void next(String[] into) {
            // nothing: COPY leaves the key column out
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** The bounds of a time-range query on the key, or null when the key carries no time (the query then filters created_at). */
    Object[] keyRange(Instant from, Instant to) {
        if (this == IDMINT) {
            var r = BitLayout.DEFAULT.idRange(from, to);
            return new Object[] {r.min(), r.max()};
        }
        if (this == UUIDV7) {
            // 48-bit ms, version 7, then the smallest and largest rand_a and rand_b (variant 10)
            UUID min = new UUID(from.toEpochMilli() << 16 | 0x7000L, 0x8000_0000_0000_0000L);
            UUID max = new UUID((to.toEpochMilli() - 1) << 16 | 0x7FFFL, 0xBFFF_FFFF_FFFF_FFFFL);
            return new Object[] {min.toString(), max.toString()};
        }
        return null;
    }
}
