package io.idmint.segment;

import io.idmint.core.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where segments come from: one database (PostgreSQL) or one Redis holding, per biz tag, the next value not
 * yet handed out. A segment is taken with one atomic operation that moves that value up past the segment,
 * so a segment is never handed out twice, whoever asks, from however many processes; what a store has handed
 * out survives a restart of the process (and of the store, as far as the store is durable: see
 * {@link #redis(String)}).
 *
 * <p><b>Several stores (tinyid's multi-database mode).</b> A store is configured with a stride {@code N} and a
 * remainder {@code i} ({@code 0 <= i < N}) and hands out only values {@code ≡ i (mod N)}: a segment of
 * {@code step} IDs spans {@code step * N} values. {@code N = 2} is Flickr's pair of ticket servers (odd and even).
 * The stride and remainder are written into the key's row when the key is created and checked by every later
 * operation: a store configured otherwise than its rows is refused ({@link SegmentException} of kind PERMANENT),
 * since changing {@code N} could hand out values another store has issued. Every store of a biz tag, in every
 * process, must use the same stride, and each remainder must belong to exactly one store.
 *
 * <p><b>Concurrency.</b> Assumes nothing of its callers: every method may be called from any number of threads
 * and processes at once. Guarantees that {@link #take} never returns overlapping segments for one biz tag
 * (within one store; across stores the remainders keep them apart) and that {@link #giveBack} changes the
 * store only when nobody took a segment since the one being returned. Operations block for at most the
 * store's configured timeout.
 */
public interface SegmentStore extends AutoCloseable {
    /** What a biz tag may look like: it is a primary key, a Redis key suffix and a label in operators' views. */
    Pattern BIZ_TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    /** The largest segment, in IDs. */
    int MAX_STEP = 10_000_000;
    /** The largest stride (number of stores sharing a biz tag). */
    int MAX_STRIDE = 1024;
    /** The longest description of a key. */
    int MAX_DESCRIPTION = 256;

    /**
     * A store on PostgreSQL at {@code jdbcUrl} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/ids}), through a
     * HikariCP pool; its table comes from Flyway migrations shipped in this module.
     */
    static PostgresStoreBuilder postgres(String jdbcUrl) {
        return new PostgresStoreBuilder(jdbcUrl);
    }

    /**
     * A store on Redis at {@code uri} (e.g. {@code redis://127.0.0.1:6379/0}), through Lettuce.
     *
     * <p>Redis is a safe store only when it loses no acknowledged write: {@code appendonly yes} with
     * {@code appendfsync always}. With {@code everysec} a crash of Redis loses up to the last second of
     * segments taken, which it then hands out again: duplicate IDs. The store reads both settings when it
     * connects and refuses a Redis without them unless built with {@code requireDurable(false)}.
     */
    static RedisStoreBuilder redis(String uri) {
        return new RedisStoreBuilder(uri);
    }

    /**
     * @throws InvalidRequestException naming the value and the rule when the tag does not match {@link #BIZ_TAG}
     */
    static String checkBizTag(String bizTag) {
        if (bizTag == null || !BIZ_TAG.matcher(bizTag).matches()) {
            throw new InvalidRequestException("biz tag must match " + BIZ_TAG.pattern() + ": biz_tag=" + bizTag);
        }
        return bizTag;
    }

    /** @throws InvalidRequestException {@code step must be 1..10000000: step=0} */
    static int checkStep(String name, long step) {
        return Checks.range(name, step, 1, MAX_STEP);
    }

    /** The store as operators know it, without secrets: a JDBC URL without password, a Redis URI without password. */
    String location();

    /** How many stores share the value space: values handed out here are {@code ≡ remainder() (mod stride())}. */
    int stride();

    int remainder();

    /**
     * Takes the next segment of {@code step} IDs of {@code bizTag} in one atomic operation: the key's next
     * value becomes {@code max(next, align(floor)) + step * stride()}, where {@code align} rounds up to this
     * store's remainder, and that new next value is returned. The segment is the {@code step} values below it,
     * {@code stride()} apart. A missing key is created first (with {@code step} as its step), as on first use.
     *
     * @param floor the segment must lie at or above this value (the end of the caller's newest segment, so that
     *     a segment from another store still sorts after it)
     * @throws SegmentException RETRY_LATER when the store cannot be reached or times out; PERMANENT when the
     *     key's row has another stride or remainder than this store, or the key's values are used up
     */
    long take(String bizTag, int step, long floor);

    /**
     * Returns the unused end of a segment: sets the key's next value to {@code restoredNext} if, and only if,
     * it still is {@code expectedNext} (nobody took a segment since), in one atomic compare-and-set.
     *
     * @return whether the value was returned
     * @throws SegmentException when the store cannot be reached
     */
    boolean giveBack(String bizTag, long expectedNext, long restoredNext);

    /**
     * Creates a key starting at the first value {@code >= 1} this store hands out.
     *
     * @return true if created, false if it existed (then nothing changes)
     * @throws InvalidRequestException naming the value and the limit
     */
    default boolean createKey(String bizTag, int step, String description) {
        return createKey(bizTag, step, description, 1);
    }

    /**
     * Creates a key whose first segment starts at the first value {@code >= firstValue} this store hands out
     * (e.g. above the largest key of a table being migrated to segment IDs).
     *
     * @return true if created, false if it existed (then nothing changes)
     * @throws InvalidRequestException naming the value and the limit
     */
    boolean createKey(String bizTag, int step, String description, long firstValue);

    /** One key as stored, or empty when it does not exist. */
    Optional<SegmentKey> key(String bizTag);

    /** Every key of this store, by biz tag. */
    List<SegmentKey> keys();

    /** Releases connections; later calls fail. */
    @Override
    void close();
}
