package io.idmint.core.issuing;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdCodec;
import io.idmint.core.IdGenerator;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.Readiness;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * One ID source a process serves under a name ({@code default}, {@code orders}, ...): what every face
 * issues from, whatever its scheme (Snowflake, HLC, segments, UUIDv7, the 128-bit layout). The faces see
 * only this interface, and {@link IdIssuer} owns the request rules around it.
 *
 * <p>IDs travel as longs: one per 64-bit ID, two per 128-bit ID (most significant first), as
 * {@link #codec()} says; an array for {@code n} IDs holds {@code n * codec().words()} longs, and offsets
 * count IDs, not longs.
 *
 * <p><b>Concurrency.</b> Every method may be called from any number of threads at once. The IDs a thread
 * receives from one named generator strictly increase; across threads they are unique.
 */
public interface NamedGenerator extends AutoCloseable {
    /** What a generator name may look like: it appears in URLs, metrics labels and file names. */
    Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /**
     * A Snowflake generator served under {@code name}.
     *
     * @param leases its worker leases, or {@link LeaseReport#NONE} for a configured worker ID
     * @throws IllegalArgumentException when the name does not match {@link #NAME}
     */
    static NamedGenerator snowflake(String name, IdGenerator generator, LeaseReport leases) {
        return new SnowflakeSource(checkName(name), "snowflake", generator, leases);
    }

    /**
     * A hybrid logical clock served under {@code name}: a Snowflake generator whose layout puts the node
     * below the counter and whose policies let it run ahead of the clock instead of waiting; it takes
     * other nodes' IDs through {@link #observe(long[])}.
     */
    static NamedGenerator hlc(String name, IdGenerator generator, LeaseReport leases) {
        return new SnowflakeSource(checkName(name), "hlc", generator, leases);
    }

    /** UUIDv7 (RFC 9562) served under {@code name}. */
    static NamedGenerator uuidV7(String name, UuidV7Generator generator) {
        return Id128Source.of(checkName(name), generator);
    }

    /** The extended 128-bit layout served under {@code name}. */
    static NamedGenerator wide128(String name, Wide128Generator generator) {
        return Id128Source.of(checkName(name), generator);
    }

    /** @throws IllegalArgumentException naming the value and the rule */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("generator name must match " + NAME.pattern() + ": name=" + name);
        }
        return name;
    }

    String name();

    /** {@code snowflake}, {@code hlc}, {@code segment}, {@code uuid7} or {@code wide128}. */
    String scheme();

    /** How its IDs look as text and what they carry. */
    IdCodec codec();

    /** The bit layout its 64-bit IDs decode under; empty for schemes without one (segments, 128-bit IDs). */
    Optional<BitLayout> layout();

    /**
     * A 64-bit ID of this generator's layout, split into its parts.
     *
     * @throws io.idmint.core.InvalidIdException when the ID cannot be one of the layout's
     * @throws InvalidRequestException when the scheme has no bit layout (use {@link #codec()})
     */
    default DecodedId decode(long id) {
        return layout().orElseThrow(() -> new InvalidRequestException("generator " + name() + " (scheme " + scheme()
                + ") has no bit layout to decode " + id + " with: describe its IDs through its codec")).decode(id);
    }

    /** The datacenter it issues as, or -1 where its scheme has none. */
    int datacenter();

    /** The worker ID (or node) it issues as now: the first lease's when leased, -1 while none is held or where its scheme has none. */
    int worker();

    /**
     * Issues {@code count} IDs into {@code into} from the {@code offset}-th ID on without ever waiting and
     * returns a non-negative number (the highest sequence used, where the scheme has one), or issues none
     * and returns -1, which means "issue on a thread that may wait": see {@link IdGenerator#tryNextIds}.
     */
    int tryIssue(long[] into, int offset, BatchSize count);

    /**
     * Issues {@code count} strictly increasing IDs into {@code into} from the {@code offset}-th ID on,
     * waiting where the source must (the next tick, a clock rollback within bounds, a high-water mark write,
     * a segment being fetched).
     *
     * @return the highest sequence number the batch used, or 0 where the scheme has none
     * @throws io.idmint.core.IdGenerationException when it cannot issue; its kind says whether to retry
     */
    int issue(long[] into, int offset, BatchSize count);

    /**
     * Makes every ID issued after this call sort above {@code id} ({@link IdCodec#words()} longs, issued by
     * any node of this scheme): the hybrid logical clock's merge.
     *
     * @throws InvalidRequestException when the scheme does not merge IDs, or the ID is not one of its own
     */
    default void observe(long[] id) {
        throw new InvalidRequestException("generator " + name() + " (scheme " + scheme() + ") does not order its IDs"
                + " after another's; only hlc generators do: after=" + codec().text(id, 0));
    }

    Readiness readiness();

    GeneratorStats stats();

    LeaseReport leases();

    /**
     * What an operator wants to know about this source beyond its stats, in display order (a segment
     * generator: its business key, stores and buffers). May read its store, so call it off event loops.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /** Figures of this scheme beyond {@link #stats()}, for the metrics endpoint (e.g. a segment buffer's fill). */
    default List<SchemeGauge> gauges() {
        return List.of();
    }

    /** Stores the exact high-water mark, releases the leases or returns what is unused; later calls fail as permanent. */
    @Override
    void close();

    /** One figure of a scheme: a metric name (Prometheus style, without the {@code generator} label) and its reading. */
    record SchemeGauge(String name, String description, DoubleSupplier value) {}
}
