package io.idmint.composition;

import io.idmint.config.AllocationKind;
import io.idmint.config.ClockSettings;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.GeneratorSettings;
import io.idmint.config.Workers;
import io.idmint.coordination.CoordinationException;
import io.idmint.coordination.LeaseSettings;
import io.idmint.coordination.LeasedIdGenerator;
import io.idmint.coordination.WorkerIdAllocator;
import io.idmint.coordination.WorkerIdsExhaustedException;
import io.idmint.coordination.WorkerRange;
import io.idmint.core.IdGenerator;
import io.idmint.core.TimeSource;
import io.idmint.core.WorkerLease;
import java.time.Duration;
import java.util.function.Function;

/**
 * Leased generators: the only class of this module that touches idmint-coordination, loaded only when a
 * generator's allocation is zookeeper, etcd or hybrid (or a command administers a coordinator), so an application
 * with static allocation only needs no coordination jars.
 */
public final class Leasing {
    private Leasing() {}

    /**
     * ZooKeeper/etcd: the lowest free ID of {@code workers.range}. Hybrid: given worker IDs must lie in
     * {@code workers.staticRange} and are still claimed in the coordinator, so two processes configured with the
     * same ID cannot both run; without one, an ID is leased from {@code workers.range}.
     *
     * @return a {@link LeasedIdGenerator}, which is also the generator's {@link io.idmint.core.issuing.LeaseReport};
     *     declared as core's type so that its callers load without idmint-coordination
     */
    static IdGenerator open(GeneratorConfig g, TimeSource time, ClockSettings clock, Function<WorkerLease, IdGenerator> generator) {
        GeneratorSettings s = g.generator();
        Workers w = g.workers();
        boolean staticInHybrid = w.allocation() == AllocationKind.HYBRID && s.workerGiven();
        WorkerRange range = staticInHybrid ? new WorkerRange((int) s.worker(), (int) s.lastWorker())
                : new WorkerRange(w.rangeFirst(), w.rangeLast(s.layout()));
        LeaseSettings settings = leaseSettings(g, time, range, clock);
        WorkerIdAllocator allocator = w.coordinator().equals("zookeeper") ? WorkerIdAllocator.zookeeper(w.zookeeper(), settings)
                : WorkerIdAllocator.etcd(w.etcd(), settings);
        try {
            return LeasedIdGenerator.open(allocator, s.layout(), staticInHybrid ? s.workerCount() : w.perProcess(), generator);
        } catch (WorkerIdsExhaustedException e) {
            if (!staticInHybrid) {
                throw e;
            }
            throw new CoordinationException("static worker " + s.worker() + " is already held by a live process (or"
                    + " cooling down after one): two processes are configured with the same static worker ID. " + e.getMessage(), e);
        }
    }

    /**
     * Where and how {@code g} leases: its cluster, region, datacenter, layout and timings. Public because
     * administering a coordinator (recording a cluster's layout) must address the same place the leases do.
     *
     * @param range the worker IDs to lease from, checked against the layout
     */
    public static LeaseSettings leaseSettings(GeneratorConfig g, TimeSource time, WorkerRange range, ClockSettings clock) {
        GeneratorSettings s = g.generator();
        Workers w = g.workers();
        return LeaseSettings.builder()
                .cluster(w.cluster())
                .generator(g.name())
                .layout(s.layout())
                .region(w.region(), (int) s.datacenter())
                .range(range.checkFits(s.layout()))
                .leaseTtl(Duration.ofMillis(w.leaseTtlMillis()))
                .recycleDelay(Duration.ofMillis(w.recycleDelayMillis()))
                .safetyMargin(Duration.ofMillis(w.safetyMarginMillis()))
                .maxOffsetToPeers(Duration.ofMillis(clock.maxOffsetToPeersMillis()))
                .timeSource(time)
                .build();
    }
}
