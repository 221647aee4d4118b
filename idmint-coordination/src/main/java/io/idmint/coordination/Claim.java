package io.idmint.coordination;

/**
 * A backend's handle on one claimed worker ID: which ID, the record version the holder last wrote (its
 * fence), and backend-specific identity (the etcd lease ID; unused by ZooKeeper).
 */
final class Claim {
    final int worker;
    final long backendLeaseId;
    /** {@link System#nanoTime()} just before the request that proved the lease alive was sent. */
    final long aliveAtNanos;
    /** Written only by the lease keeper's thread; read by release on another thread after the keeper stops. */
    volatile long fence;

    Claim(int worker, long fence, long backendLeaseId, long aliveAtNanos) {
        this.worker = worker;
        this.fence = fence;
        this.backendLeaseId = backendLeaseId;
        this.aliveAtNanos = aliveAtNanos;
    }
}
