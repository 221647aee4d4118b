package io.idmint.core.issuing;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdGenerator;
import io.idmint.core.Readiness;
import java.util.regex.Pattern;

/**
 * One ID source a process serves under a name ({@code default}, {@code orders}, ...): what every face
 * issues from. An implementation may be a Snowflake generator or any other scheme; the faces see only
 * this interface, and {@link IdIssuer} owns the request rules around it.
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
        return new SnowflakeSource(checkName(name), generator, leases);
    }

    /** @throws IllegalArgumentException naming the value and the rule */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("generator name must match " + NAME.pattern() + ": name=" + name);
        }
        return name;
    }

    String name();

    /** The layout its IDs decode under. */
    BitLayout layout();

    int datacenter();

    /** The worker ID it issues as now (the first lease's, when leased; -1 while none is held). */
    int worker();

    /**
     * Issues {@code count} IDs into {@code into[offset..]} without ever waiting and returns the highest
     * sequence used, or issues none and returns -1, which means "issue on a thread that may wait": see
     * {@link IdGenerator#tryNextIds}.
     */
    int tryIssue(long[] into, int offset, BatchSize count);

    /**
     * Issues {@code count} strictly increasing IDs into {@code into[offset..]}, waiting where the source
     * must (the next tick, a clock rollback within bounds, a high-water mark write).
     *
     * @return the highest sequence number the batch used
     * @throws io.idmint.core.IdGenerationException when it cannot issue; its kind says whether to retry
     */
    int issue(long[] into, int offset, BatchSize count);

    /** @throws io.idmint.core.InvalidIdException when the ID cannot be one of this generator's */
    DecodedId decode(long id);

    Readiness readiness();

    GeneratorStats stats();

    LeaseReport leases();

    /** Stores the exact high-water mark or releases the leases; later calls fail as permanent. */
    @Override
    void close();
}
