package io.idmint.cli;

import io.idmint.config.AllocationKind;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import picocli.CommandLine.Option;

/**
 * Where the default generator's worker ID comes from, for the long-running commands (serve, node);
 * flags override the file and env.
 */
final class WorkerAllocationOptions {
    @Option(names = "--allocation", description = "static (default), zookeeper, etcd or hybrid.")
    AllocationKind allocation;

    @Option(names = "--zookeeper", description = "ZooKeeper connect string for leased worker IDs, e.g. 127.0.0.1:2181.")
    String zookeeper;

    @Option(names = "--etcd", description = "etcd endpoints for leased worker IDs, e.g. http://127.0.0.1:2379.")
    String etcd;

    @Option(names = "--cluster", description = "The fleet's name in the coordinator (default 'default').")
    String cluster;

    @Option(names = "--region", description = "The region's name in the coordinator (default 'default');"
            + " its number in IDs is --datacenter.")
    String region;

    @Option(names = "--worker-range", description = "Worker IDs to lease from, e.g. 16..31 (default: all the layout has).")
    String range;

    @Option(names = "--workers-per-process", description = "Leases per process, one per core for throughput past"
            + " one worker's cap (default 1).")
    Integer perProcess;

    IdmintConfig applyFlags(IdmintConfig cfg) {
        return cfg.withWorkers(this::applyFlags);
    }

    GeneratorConfig applyFlags(GeneratorConfig g) {
        return g.withWorkers(this::applyFlags);
    }

    private Workers applyFlags(Workers workers) {
        Workers w = workers;
        if (allocation != null) {
            w = w.withAllocation(allocation);
        }
        if (zookeeper != null || etcd != null) {
            w = w.withCoordinator(zookeeper != null ? zookeeper : w.zookeeper(), etcd != null ? etcd : w.etcd());
        }
        if (cluster != null || region != null) {
            w = w.withNames(cluster != null ? cluster : w.cluster(), region != null ? region : w.region());
        }
        if (range != null) {
            w = w.withRange(range);
        }
        if (perProcess != null) {
            w = w.withPerProcess(perProcess);
        }
        return w;
    }
}
