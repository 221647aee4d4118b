package io.idmint.coordination;

import io.idmint.core.WorkerLease;
import java.util.OptionalInt;

/**
 * Hands out worker-ID leases from a coordinator, renews them in the background and ends them when a
 * renewal cannot be acknowledged before the deadline. Thread-safe.
 *
 * <p>Claiming takes the lowest free worker ID of the range whose last holder released it, or crashed,
 * more than the recycle delay ago. Each claim rewrites the ID's record (new epoch, reservation ahead of
 * the clock) in the same atomic operation that makes this process the owner; a holder whose ID moved on
 * finds its next fenced write refused.
 */
public interface WorkerIdAllocator extends AutoCloseable {
    /**
     * Claims one worker ID, preferring {@code preferredWorker} (this process's previous ID) when it is free.
     * Blocks while no ID is free (all held, or cooling down) or the coordinator is unreachable, up to the
     * acquire timeout: a holder that died frees its ID within the TTL, so a process restarted at once gets one.
     *
     * @throws WorkerIdsExhaustedException when every ID of the range is still held or cooling down at the acquire timeout
     * @throws CoordinationException when the coordinator does not answer within the acquire timeout
     */
    WorkerLease acquire(OptionalInt preferredWorker, LeaseListener listener);

    default WorkerLease acquire() {
        return acquire(OptionalInt.empty(), (lease, reason) -> { });
    }

    /** Where leases come from, e.g. {@code zookeeper 127.0.0.1:2181 /idmint/default/default}. */
    String describe();

    LeaseSettings settings();

    /** Stops renewing and closes the coordinator connection; leases not released expire with their TTL. */
    @Override
    void close();

    /**
     * Leases from ZooKeeper through Curator: an ephemeral node per held ID under
     * {@code /idmint/<cluster>/<region>/workers/}, the record under {@code .../records/}.
     *
     * @param connectString e.g. {@code 127.0.0.1:2181}
     */
    static WorkerIdAllocator zookeeper(String connectString, LeaseSettings settings) {
        return new CoordinatedAllocator(ZooKeeperCoordinator.connect(connectString, settings), settings);
    }

    /**
     * Leases from etcd through jetcd: a key per held ID bound to an etcd lease under
     * {@code /idmint/<cluster>/<region>/workers/}, the record under {@code .../records/}.
     *
     * @param endpoints comma-separated, e.g. {@code http://127.0.0.1:2379}
     */
    static WorkerIdAllocator etcd(String endpoints, LeaseSettings settings) {
        return new CoordinatedAllocator(EtcdCoordinator.connect(endpoints, settings), settings);
    }
}
