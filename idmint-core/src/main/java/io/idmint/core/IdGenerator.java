package io.idmint.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Issues unique, time-ordered 64-bit IDs for one (datacenter, worker) pair of a {@link BitLayout}.
 *
 * <p><b>Guarantees.</b> Within one generator: no two calls return the same ID, from any number of
 * threads; the IDs one thread receives strictly increase; no call blocks on a lock on the hot path
 * (timestamp and sequence live in one {@code long} updated by compare-and-set). Across restarts, with a
 * {@link HighWaterMarkStore}: a new incarnation issues only timestamps after every one the previous
 * incarnation may have issued. Across processes: uniqueness holds as long as no two live generators
 * share a layout, datacenter and worker ID; that is the job of the caller's worker-ID allocation.
 *
 * <p><b>Never an error value.</b> When an ID cannot be issued safely (clock behind further than the
 * rollback policy allows, the layout's end of life reached, a closed generator), a call throws an
 * {@link IdGenerationException} whose {@link IdGenerationException#kind() kind} says whether retrying
 * can help; it never returns a sentinel.
 *
 * <p><b>Assumptions.</b> The time source is shared by all threads of the generator and does not run
 * backwards except as a detectable rollback.
 */
public interface IdGenerator extends AutoCloseable {
    /** The largest batch {@link #nextIds(int)} hands out in one call. */
    int MAX_BATCH = 10_000_000;

    static IdGeneratorBuilder builder(BitLayout layout) {
        return new IdGeneratorBuilder(layout);
    }

    /**
     * One generator over several, one per worker ID of the same layout and datacenter: each calling thread
     * sticks to one of them (round-robin at its first call), so K threads issue K times one worker's cap and
     * every thread's IDs still strictly increase. Closing it closes them all.
     *
     * @throws IllegalArgumentException when the list is empty, or the generators differ in layout or
     *     datacenter, or repeat a worker ID
     */
    static IdGenerator striped(List<IdGenerator> slots) {
        Preconditions.checkNotNull("slots", slots);
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("striped needs at least one generator: slots=[]");
        }
        Set<Integer> workers = new HashSet<>();
        for (IdGenerator g : slots) {
            if (!g.layout().equals(slots.get(0).layout()) || g.datacenter() != slots.get(0).datacenter()) {
                throw new IllegalArgumentException("striped generators must share layout and datacenter: " + slots);
            }
            if (!workers.add(g.worker())) {
                throw new IllegalArgumentException("striped generators must have distinct worker IDs: worker "
                        + g.worker() + " repeats in " + slots);
            }
        }
        return slots.size() == 1 ? slots.get(0) : new StripedIdGenerator(slots);
    }

    long nextId();

    /**
     * {@code count} IDs, strictly increasing, reserved with one compare-and-set per tick they span.
     *
     * @throws IllegalArgumentException when count is outside 1..{@value #MAX_BATCH}, naming both
     */
    IdBatch nextIds(int count);

    /**
     * Like {@link #nextIds(int)} without allocating: writes {@code count} strictly increasing IDs into
     * {@code into[offset .. offset + count)} and returns the highest sequence value the batch used.
     *
     * @throws IllegalArgumentException when count is outside 1..{@value #MAX_BATCH} or the range does not fit
     */
    int nextIds(long[] into, int offset, int count);

    /**
     * Like {@link #nextIds(long[], int, int)} but never waits: either writes all {@code count} IDs (taken
     * from one tick with one compare-and-set) and returns the highest sequence used, or takes none and
     * returns -1 when issuing them would wait for the next tick or for the clock, write the high-water mark,
     * or run the rollback policy. Event-loop threads call this first and hand a -1 over to a thread that may
     * wait. Throws what {@code nextIds} throws for failures that need no wait. The default never promises.
     */
    default int tryNextIds(long[] into, int offset, int count) {
        return -1;
    }

    /**
     * Whether a call now would be served, without making one: false, with the reason, while the clock is
     * behind beyond the rollback policy's bound, the worker lease is not valid, the layout has ended or
     * the generator is closed. It turns true again by itself when the cause passes.
     */
    default Readiness readiness() {
        return Readiness.READY;
    }

    /**
     * Makes every ID issued after this call sort above {@code id}, an ID of this layout from any node: the
     * merge step of a hybrid logical clock (Kulkarni et al.), so an ID issued in response to another sorts
     * after it even when the two nodes' clocks disagree. Issuing may then run ahead of this node's clock,
     * within the bound its policies set for running ahead.
     *
     * @throws InvalidIdException when {@code id} is not of this layout, or its timestamp lies further ahead
     *         of this node's clock than this generator may run ahead (the message names both)
     * @throws InvalidRequestException when this generator does not merge IDs (the default)
     */
    default void observe(long id) {
        throw new InvalidRequestException("generator " + this + " does not merge IDs from other nodes: observe(" + id + ")");
    }

    BitLayout layout();

    /** The generators this one issues through, one per worker ID it holds: itself unless it stripes several. */
    default List<IdGenerator> slots() {
        return List.of(this);
    }

    int datacenter();

    int worker();

    GeneratorStats stats();

    /**
     * Persists the exact last timestamp used, so a restart need not wait out the reservation window,
     * and releases the high-water mark store or the worker lease. Every call that begins afterwards throws
     * {@link GeneratorClosedException}, whether the generator had a store, a lease or neither. Closing
     * twice is harmless.
     */
    @Override
    void close();
}
