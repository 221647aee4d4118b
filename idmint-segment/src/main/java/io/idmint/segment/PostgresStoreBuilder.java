package io.idmint.segment;

import io.idmint.core.InvalidRequestException;
import java.time.Duration;

/**
 * Configures a {@link SegmentStore} on PostgreSQL. Nothing connects before the first operation, so a
 * generator can be built over several stores while one of them is down.
 *
 * <pre>{@code
 * SegmentStore store = SegmentStore.postgres("jdbc:postgresql://db1:5432/ids")
 *         .user("idmint").password(secret)
 *         .stride(2, 0)            // 2 databases share the biz tags; this one hands out even values
 *         .build();
 * }</pre>
 *
 * <p>Durability: a segment counts as taken once PostgreSQL commits it, so run with {@code fsync=on} and
 * {@code synchronous_commit=on} (the defaults); with a replica that may be promoted, make replication
 * synchronous, or a failover may lose the last segments taken and hand them out again.
 *
 * <p><b>Concurrency.</b> A builder is meant for one thread; configure it, then build. Each {@code build()} makes
 * an independent store: later changes to the builder do not reach it.
 */
public final class PostgresStoreBuilder {
    /** One segment operation is a single-row update: a thousand times its usual latency before giving up. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    final String jdbcUrl;
    String user;
    String password;
    int stride = 1;
    int remainder;
    Duration timeout = DEFAULT_TIMEOUT;
    int poolSize = 2;
    String schema;
    boolean migrate = true;

    PostgresStoreBuilder(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidRequestException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/ids: url=" + PostgresSegmentStore.withoutPassword(String.valueOf(jdbcUrl)));
        }
        this.jdbcUrl = jdbcUrl;
    }

    public PostgresStoreBuilder user(String user) {
        this.user = user;
        return this;
    }

    public PostgresStoreBuilder password(String password) {
        this.password = password;
        return this;
    }

    /**
     * This database hands out only values {@code ≡ remainder (mod stride)}; default {@code (1, 0)}: one database.
     *
     * @throws InvalidRequestException unless {@code 1 <= stride <= 1024} and {@code 0 <= remainder < stride}
     */
    public PostgresStoreBuilder stride(int stride, int remainder) {
        Checks.stride(stride, remainder);
        this.stride = stride;
        this.remainder = remainder;
        return this;
    }

    /**
     * How long one operation may take, getting a connection included, before it fails as RETRY_LATER and a
     * generator tries its next store; default 1 s.
     */
    public PostgresStoreBuilder timeout(Duration timeout) {
        this.timeout = Checks.positive("timeout", timeout, MAX_TIMEOUT);
        return this;
    }

    /** Connections in the pool; default 2 (one fetch at a time per generator, plus admin calls). */
    public PostgresStoreBuilder poolSize(int poolSize) {
        this.poolSize = Checks.range("poolSize", poolSize, 1, 64);
        return this;
    }

    /** The schema holding the table; default: the connection's (normally {@code public}). Created if missing. */
    public PostgresStoreBuilder schema(String schema) {
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new InvalidRequestException("schema must match [a-z_][a-z0-9_]{0,62}: schema=" + schema);
        }
        this.schema = schema;
        return this;
    }

    /**
     * Whether to bring the table up to date with Flyway before the first operation (default true); false where
     * operators apply {@code db/idmint-segment/postgresql/V*.sql} themselves. Flyway records its work in
     * {@code idmint_segment_schema_history}, apart from any history table the application has.
     */
    public PostgresStoreBuilder migrate(boolean migrate) {
        this.migrate = migrate;
        return this;
    }

    public SegmentStore build() {
        return new PostgresSegmentStore(this);
    }
}
