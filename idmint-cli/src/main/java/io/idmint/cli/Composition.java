package io.idmint.cli;

import io.idmint.clock.KernelClock;
import io.idmint.config.AllocationKind;
import io.idmint.config.ClockKind;
import io.idmint.config.ClockSettings;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.GeneratorSettings;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.config.Workers;
import io.idmint.coordination.CoordinationException;
import io.idmint.coordination.LeaseSettings;
import io.idmint.coordination.LeasedIdGenerator;
import io.idmint.coordination.WorkerIdAllocator;
import io.idmint.coordination.WorkerIdsExhaustedException;
import io.idmint.coordination.WorkerRange;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.Field;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGeneratorBuilder;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.TimeSource;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import io.idmint.core.WorkerLease;
import io.idmint.core.issuing.ClockCheck;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.core.issuing.UnknownGeneratorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The composition root: configuration in, generators out. The only place that knows how a configured
 * generator is built (static with its file high-water mark, or leased from ZooKeeper or etcd); serve,
 * node and generate all come here, and the server and node modules receive ready issuers.
 */
final class Composition {
    private Composition() {}

    /**
     * Opens every generator {@code cfg} declares. On a failure, those already open are closed (storing
     * their marks, releasing their leases) before the failure propagates.
     *
     * @param clock wraps each generator's configured clock (the test-only offset; identity otherwise)
     */
    static IdIssuer open(IdmintConfig cfg, UnaryOperator<TimeSource> clock) {
        List<NamedGenerator> opened = new ArrayList<>();
        try {
            for (GeneratorConfig g : cfg.generators()) {
                opened.add(open(g, clock, cfg.clock()));
            }
            return IdIssuer.of(opened, IdIssuer.DEFAULT, new ClockCheck(KernelClock.host(), cfg.clock().requireNtpSync()));
        } catch (RuntimeException e) {
            opened.forEach(NamedGenerator::close);
            throw e;
        }
    }

    /**
     * What a node serves once {@code init} named it: every static generator issues as worker
     * {@code nodeNumber} ({@code n3} is worker 3); leased ones take the worker their lease gives.
     *
     * @throws InvalidRequestException when a static generator's layout cannot hold the node's number
     */
    static IdIssuer openForNode(IdmintConfig cfg, UnaryOperator<TimeSource> clock, String nodeId, long nodeNumber) {
        List<GeneratorConfig> node = new ArrayList<>();
        for (GeneratorConfig g : cfg.generators()) {
            if (g.workers().leased() || g.scheme() instanceof SchemeSettings.Segment) {
                node.add(g);
                continue;
            }
            if (g.scheme() instanceof SchemeSettings.Uuid7 || g.scheme() instanceof SchemeSettings.Wide128) {
                // One file serves every node: a configured node would be every node's. Each takes its number.
                SchemeSettings own = g.scheme() instanceof SchemeSettings.Uuid7 ? SchemeSettings.Uuid7.DEFAULT
                        : new SchemeSettings.Wide128(-1, ((SchemeSettings.Wide128) g.scheme()).maxLead());
                node.add(g.withScheme(own).withGenerator(s -> s.withWorker(nodeNumber)));
                continue;
            }
            long max = g.generator().layout().maxValue(Field.WORKER);
            if (nodeNumber > max) {
                throw new InvalidRequestException("node_id " + nodeId + " maps to worker " + nodeNumber + ", but layout '"
                        + g.generator().layout().name() + "' of generator " + g.name() + " allows workers 0.." + max
                        + ": node_id=" + nodeId);
            }
            node.add(g.withGenerator(s -> s.withWorker(nodeNumber)));
        }
        return open(new IdmintConfig(cfg.http(), cfg.grpc(), node.get(0), node.subList(1, node.size()), cfg.clock()), clock);
    }

    /**
     * The generator called {@code name} (null: the default) of {@code cfg}.
     *
     * @throws UnknownGeneratorException listing the generators the configuration declares
     */
    static GeneratorConfig select(IdmintConfig cfg, String name) {
        String wanted = name == null ? IdIssuer.DEFAULT : name;
        List<String> names = new ArrayList<>();
        for (GeneratorConfig g : cfg.generators()) {
            if (g.name().equals(wanted)) {
                return g;
            }
            names.add(g.name());
        }
        throw new UnknownGeneratorException(wanted, names);
    }

    /** An issuer of just {@code g}, which is its default: for commands that use one generator. */
    static IdIssuer openOne(GeneratorConfig g, UnaryOperator<TimeSource> clock) {
        return IdIssuer.of(List.of(open(g, clock, ClockSettings.DEFAULT)), g.name());
    }

    static NamedGenerator open(GeneratorConfig g, UnaryOperator<TimeSource> clock, ClockSettings clockSettings) {
        TimeSource time = clock.apply(g.generator().clock() == ClockKind.MONOTONIC ? TimeSource.monotonic() : TimeSource.system());
        SchemeSettings scheme = g.scheme();
        if (scheme instanceof SchemeSettings.Uuid7) {
            UuidV7Generator.Builder b = UuidV7Generator.builder().node(g.node()).timeSource(time)
                    .maxStartupWait(g.generator().maxStartupWait());
            g.nodeMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return NamedGenerator.uuidV7(g.name(), b.build());
        }
        if (scheme instanceof SchemeSettings.Wide128 w) {
            Wide128Generator.Builder b = Wide128Generator.builder().node(g.node()).timeSource(time).maxLead(w.maxLead())
                    .maxStartupWait(g.generator().maxStartupWait());
            g.nodeMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return NamedGenerator.wide128(g.name(), b.build());
        }
        if (scheme instanceof SchemeSettings.Segment s) {
            return SegmentComposition.open(g.name(), s);
        }
        return openSnowflake(g, time, clockSettings);
    }

    /** Snowflake or HLC, static or leased. */
    private static NamedGenerator openSnowflake(GeneratorConfig g, TimeSource time, ClockSettings clockSettings) {
        boolean hlc = g.scheme() instanceof SchemeSettings.Hlc;
        if (!g.workers().leased()) {
            IdGenerator built = staticWorkers(g, time);
            return hlc ? NamedGenerator.hlc(g.name(), built, LeaseReport.NONE) : NamedGenerator.snowflake(g.name(), built, LeaseReport.NONE);
        }
        LeasedIdGenerator leased = leased(g, time, clockSettings, lease -> {
            IdGeneratorBuilder b = builder(g, time).lease(lease);
            // The worker's file mark too: it may have run under static allocation, with its clock ahead.
            g.highWaterMarkFile(lease.datacenter(), lease.worker()).ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return b.build();
        });
        return hlc ? NamedGenerator.hlc(g.name(), leased, leased) : NamedGenerator.snowflake(g.name(), leased, leased);
    }

    /**
     * One generator per configured worker ID ({@code worker: 4..7} is four), each with its own high-water
     * mark file, striped so that every thread sticks to one; a single worker ID is a plain generator.
     */
    private static IdGenerator staticWorkers(GeneratorConfig g, TimeSource time) {
        GeneratorSettings s = g.generator();
        List<IdGenerator> slots = new ArrayList<>(s.workerCount());
        try {
            for (long w = s.worker(); w <= s.lastWorker(); w++) {
                IdGeneratorBuilder b = builder(g, time).datacenter(s.datacenter()).worker(w);
                g.highWaterMarkFile(s.datacenter(), w).ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
                slots.add(b.build());
            }
        } catch (RuntimeException e) {
            slots.forEach(IdGenerator::close);
            throw e;
        }
        return IdGenerator.striped(slots);
    }

    /**
     * The configured layout, clock, policies and waits, without worker or store. An HLC runs ahead of the
     * clock instead of waiting, by up to its maximum drift, whatever made it ahead: a rollback, a burst, a
     * merged ID.
     */
    private static IdGeneratorBuilder builder(GeneratorConfig g, TimeSource time) {
        GeneratorSettings s = g.generator();
        IdGeneratorBuilder b = IdGenerator.builder(s.layout()).timeSource(time).rollbackPolicy(s.rollbackPolicy())
                .overflowPolicy(s.overflowPolicy()).reservationWindow(s.reservationWindow()).maxStartupWait(s.maxStartupWait());
        if (g.scheme() instanceof SchemeSettings.Hlc h) {
            b.rollbackPolicy(ClockRollbackPolicy.logicalOffset(h.maxDrift())).overflowPolicy(SequenceOverflowPolicy.borrowAhead(h.maxDrift()));
        }
        return b;
    }

    /**
     * ZooKeeper/etcd: the lowest free ID of {@code workers.range}. Hybrid: a given worker ID must lie in
     * {@code workers.staticRange} and is still claimed in the coordinator, so two processes configured with
     * the same ID cannot both run; without one, an ID is leased from {@code workers.range}.
     */
    private static LeasedIdGenerator leased(GeneratorConfig g, TimeSource time, ClockSettings clock,
                                            Function<WorkerLease, IdGenerator> generator) {
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

    /** Where and how {@code g} leases: its cluster, region, datacenter, layout and timings. */
    static LeaseSettings leaseSettings(GeneratorConfig g, TimeSource time, WorkerRange range, ClockSettings clock) {
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
