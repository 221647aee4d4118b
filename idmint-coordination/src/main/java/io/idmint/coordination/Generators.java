package io.idmint.coordination;

import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.core.IdGenerator;
import io.idmint.core.TimeSource;
import java.time.Duration;

/** Opens the generator a configuration describes: static, leased from ZooKeeper or etcd, or hybrid. */
public final class Generators {
    private Generators() {}

    /**
     * Static: the configured worker with its file high-water mark. ZooKeeper/etcd: the lowest free ID of
     * {@code workers.range}. Hybrid: a given worker ID (file, env, flag, hostname ordinal) must lie in
     * {@code workers.staticRange} and is still claimed in the coordinator, so two processes configured
     * with the same ID cannot both run; without one, an ID is leased from {@code workers.range}.
     *
     * @throws CoordinationException when no lease can be had
     */
    public static IdGenerator open(IdmintConfig cfg) {
        Workers w = cfg.workers();
        if (!w.leased()) {
            return cfg.openGenerator();
        }
        boolean staticInHybrid = w.allocation() == IdmintConfig.AllocationKind.HYBRID && cfg.workerGiven();
        WorkerRange range = staticInHybrid ? WorkerRange.single((int) cfg.worker())
                : new WorkerRange(w.rangeFirst(), w.rangeLast(cfg.layout()));
        try {
            return open(cfg, range, staticInHybrid ? 1 : w.perProcess());
        } catch (WorkerIdsExhaustedException e) {
            if (!staticInHybrid) {
                throw e;
            }
            throw new CoordinationException("static worker " + cfg.worker() + " is already held by a live process (or"
                    + " cooling down after one): two processes are configured with the same static worker ID. " + e.getMessage(), e);
        }
    }

    private static LeasedIdGenerator open(IdmintConfig cfg, WorkerRange range, int perProcess) {
        Workers w = cfg.workers();
        TimeSource time = cfg.timeSource();
        LeaseSettings settings = LeaseSettings.builder()
                .cluster(w.cluster())
                .region(w.region(), (int) cfg.datacenter())
                .range(range.checkFits(cfg.layout()))
                .leaseTtl(Duration.ofMillis(w.leaseTtlMillis()))
                .recycleDelay(Duration.ofMillis(w.recycleDelayMillis()))
                .safetyMargin(Duration.ofMillis(w.safetyMarginMillis()))
                .timeSource(time)
                .build();
        WorkerIdAllocator allocator = w.coordinator().equals("zookeeper") ? WorkerIdAllocator.zookeeper(w.zookeeper(), settings)
                : WorkerIdAllocator.etcd(w.etcd(), settings);
        return LeasedIdGenerator.open(allocator, cfg.layout(), perProcess, lease -> cfg.generatorBuilder(time).lease(lease).build());
    }
}
