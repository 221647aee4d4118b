package io.idmint.coordination;

/**
 * One worker ID as read from the coordinator before a claim.
 *
 * @param ownerToken the holder token of the live owner entry, or null when nobody holds the ID
 * @param record the lease record, or null when the ID was never claimed
 * @param fence the backend's version of the record (ZooKeeper data version, etcd mod revision); a claim
 *              succeeds only if it is unchanged
 */
record Slot(int worker, String ownerToken, LeaseRecord record, long fence) {
    boolean owned() {
        return ownerToken != null;
    }
}
