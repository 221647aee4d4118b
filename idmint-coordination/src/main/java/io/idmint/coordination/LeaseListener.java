package io.idmint.coordination;

import io.idmint.core.WorkerLease;

/** Told once when a lease stops being valid for good: fenced, expired, session lost, or released. */
@FunctionalInterface
public interface LeaseListener {
    /** Runs on the allocator's keeper thread: hand long work to another thread. */
    void leaseEnded(WorkerLease lease, String reason);
}
