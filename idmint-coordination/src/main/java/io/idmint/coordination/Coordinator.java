package io.idmint.coordination;

import java.util.Map;
import java.util.Set;

/**
 * What a backend (ZooKeeper, etcd) must do for {@link CoordinatedAllocator}. Every write is conditional
 * on the record's version ({@link Slot#fence()}, {@link Claim#fence}), so a holder whose ID was claimed
 * again can never overwrite the new holder's record.
 *
 * <p>Operations block for at most the configured operation timeout and throw {@link
 * CoordinationException} when the coordinator does not answer; {@link FencedException} means the lease
 * is gone for good.
 */
interface Coordinator extends AutoCloseable {
    /** For messages, e.g. {@code zookeeper 127.0.0.1:2181 /idmint/prod/eu}. */
    String describe();

    /** The worker IDs of the range that have a live owner entry. */
    Set<Integer> owned(WorkerRange range);

    /** Reads one worker ID's owner and record. */
    Slot read(int worker);

    /**
     * Atomically, if the slot is still as {@code seen} (record version unchanged, and unowned or owned by
     * {@code seen.ownerToken()}): makes this process the owner and writes {@code record}. Returns null
     * when the slot changed meanwhile (another claimant won).
     */
    Claim tryClaim(Slot seen, LeaseRecord record, String holderToken);

    /**
     * Writes {@code record} if the claim's fence still holds and proves the lease alive; returns the
     * {@link System#nanoTime()} just before the proof was sent.
     *
     * @throws FencedException when the record moved on or the session or lease is gone
     */
    long renew(Claim claim, LeaseRecord record);

    /** Fenced write of the released record and removal of the owner entry. */
    void release(Claim claim, LeaseRecord record);

    /** Best effort: removes the owner entry of a lease that is no longer valid here, without writing the record. */
    void abandon(Claim claim);

    /**
     * Atomically, when none of the keys exists, creates them all with their values; either way returns each
     * key's value as stored now (null where absent). Keys are absolute paths such as {@code /idmint-bindings/...}.
     */
    Map<String, String> createAllIfAbsent(Map<String, String> values);

    /** Sets {@code key} to {@code value} whatever it held: an operator's explicit change. */
    void overwrite(String key, String value);

    /** Runs {@code action} when the backend learns that every owner entry of this process is gone at once. */
    default void onSessionLost(Runnable action) {
    }

    /** The lease TTL the coordinator actually applies (ZooKeeper negotiates the session timeout). */
    long ttlMillis();

    @Override
    void close();
}
