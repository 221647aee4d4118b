package io.idmint.core;

import java.util.Optional;

/**
 * The right to issue IDs as one (datacenter, worker) pair for a bounded time, granted by a coordinator
 * (ZooKeeper, etcd). A generator built with a lease ({@link IdGeneratorBuilder#lease(WorkerLease)})
 * checks it on every call and throws {@link LeaseNotValidException} instead of issuing when either
 * bound below is passed.
 *
 * <p><b>Guarantees an implementation gives.</b> {@link #validUntilNanos()} never lies in the future of
 * the moment the coordinator could hand the worker ID to another process: it is computed from the
 * <em>send</em> time of the last acknowledged renewal, minus a safety margin. {@link
 * #reservedUntilMillis()} is durable in the coordinator before it is published here, and a later holder
 * of the same worker ID starts after it ({@link #previousHolders()}). Together they make a paused or
 * partitioned holder harmless: it stops at its deadline, and anything it issued in the instant before
 * lies inside a reservation the next holder starts after.
 *
 * <p><b>Assumptions.</b> {@link System#nanoTime()} keeps counting while the process is stopped
 * (true of Linux's CLOCK_MONOTONIC under SIGSTOP and VM pauses; not across host suspend-to-RAM), and
 * the coordinator's clock rate differs from ours by less than the safety margin over one TTL.
 */
public interface WorkerLease {
    int datacenter();

    int worker();

    /** Grows by one each time the worker ID is claimed; tells holders of the same ID apart. */
    long epoch();

    /** {@link System#nanoTime()} value after which this holder must not issue; it only grows while held. */
    long validUntilNanos();

    /** The last millisecond (of the generator's time source) this holder has durably reserved. */
    long reservedUntilMillis();

    /** What earlier holders of this worker ID may have issued: the new generator starts after it. */
    Optional<HighWaterMark> previousHolders();

    /** Asks for a renewal as soon as possible, without waiting for it: the clock has passed the reservation. */
    void requestRenewal();

    /**
     * Hands the worker ID back, recording that nothing after {@code lastIssuedMillis} was issued, so the
     * next holder need not wait out the reservation. Called once, by the generator's {@code close()}.
     */
    void release(long lastIssuedMillis);

    /** For messages: which worker, where, which epoch. */
    String describe();
}
