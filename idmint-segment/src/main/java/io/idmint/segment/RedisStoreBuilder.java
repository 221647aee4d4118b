package io.idmint.segment;

import io.idmint.core.InvalidRequestException;
import java.time.Duration;

/**
 * Configures a {@link SegmentStore} on Redis. Nothing connects before the first operation.
 *
 * <pre>{@code
 * SegmentStore store = SegmentStore.redis("redis://:secret@127.0.0.1:6379/0").build();
 * }</pre>
 *
 * <p><b>Durability.</b> A segment counts as taken once Redis acknowledges the script that advanced the key.
 * Only {@code appendonly yes} with {@code appendfsync always} makes that acknowledgement survive a crash of
 * Redis: with {@code appendfsync everysec} the last second of segments can be lost and handed out again
 * after a restart (duplicate IDs); with the append-only file off, everything since the last snapshot. On
 * connecting, the store reads both settings ({@code CONFIG GET}) and refuses a Redis without them, naming the
 * settings, unless {@link #requireDurable(boolean) requireDurable(false)} accepts the risk (then it logs a
 * warning). Where CONFIG is disabled (managed Redis), it warns and trusts the provider. A replica promoted
 * after a failover may miss the last writes of its primary: the same risk, which these checks cannot see.
 *
 * <p><b>Concurrency.</b> A builder is meant for one thread; configure it, then build. Each {@code build()} makes
 * an independent store: later changes to the builder do not reach it.
 */
public final class RedisStoreBuilder {
    static final String DEFAULT_KEY_PREFIX = "idmint:segment:";

    final String uri;
    int stride = 1;
    int remainder;
    Duration timeout = PostgresStoreBuilder.DEFAULT_TIMEOUT;
    boolean requireDurable = true;
    String keyPrefix = DEFAULT_KEY_PREFIX;

    RedisStoreBuilder(String uri) {
        if (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://"))) {
            throw new InvalidRequestException("a Redis URI starts with redis:// or rediss://, e.g. redis://127.0.0.1:6379/0: uri="
                    + (uri == null ? null : RedisSegmentStore.withoutPassword(uri)));
        }
        this.uri = uri;
    }

    /**
     * This Redis hands out only values {@code ≡ remainder (mod stride)}; default {@code (1, 0)}: one Redis.
     *
     * @throws InvalidRequestException unless {@code 1 <= stride <= 1024} and {@code 0 <= remainder < stride}
     */
    public RedisStoreBuilder stride(int stride, int remainder) {
        Checks.stride(stride, remainder);
        this.stride = stride;
        this.remainder = remainder;
        return this;
    }

    /** How long connecting or one command may take before it fails as RETRY_LATER; default 1 s. */
    public RedisStoreBuilder timeout(Duration timeout) {
        this.timeout = Checks.positive("timeout", timeout, PostgresStoreBuilder.MAX_TIMEOUT);
        return this;
    }

    /**
     * Whether to refuse a Redis that does not fsync every write ({@code appendonly yes}, {@code appendfsync
     * always}); default true. False accepts that a crash of Redis may hand out IDs again, and logs a warning.
     */
    public RedisStoreBuilder requireDurable(boolean requireDurable) {
        this.requireDurable = requireDurable;
        return this;
    }

    /** Prefix of this store's Redis keys; default {@code idmint:segment:} (hashes {@code PREFIX tag:BIZ_TAG}, index {@code PREFIX tags}). */
    public RedisStoreBuilder keyPrefix(String keyPrefix) {
        if (keyPrefix == null || !keyPrefix.matches("[A-Za-z0-9_.:{}-]{1,64}")) {
            throw new InvalidRequestException("keyPrefix must match [A-Za-z0-9_.:{}-]{1,64}: keyPrefix=" + keyPrefix);
        }
        this.keyPrefix = keyPrefix;
        return this;
    }

    public SegmentStore build() {
        return new RedisSegmentStore(this);
    }
}
