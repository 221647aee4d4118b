package io.idmint.composition;

import io.idmint.config.ClockKind;
import io.idmint.config.ClockSettings;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.GeneratorSettings;
import io.idmint.config.SchemeSettings;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGeneratorBuilder;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.TimeSource;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One configured generator, built: the scheme decides which builder, the allocation whether its worker is
 * configured or leased. It names no idmint-coordination or idmint-segment type (those live in {@link Leasing}
 * and {@link Segments}, reached only after {@link OptionalModules} found them), so it loads without them.
 */
final class Generators {
    private Generators() {}

    /**
     * @throws io.idmint.config.ConfigException for a scheme or allocation whose optional module is absent
     * @throws io.idmint.core.IdGenerationException when it cannot start
     */
    static Opened open(GeneratorConfig g, UnaryOperator<TimeSource> clock, ClockSettings clockSettings) {
        TimeSource time = clock.apply(g.generator().clock() == ClockKind.MONOTONIC ? TimeSource.monotonic() : TimeSource.system());
        SchemeSettings scheme = g.scheme();
        if (scheme instanceof SchemeSettings.Uuid7) {
            UuidV7Generator.Builder b = UuidV7Generator.builder().node(g.node()).timeSource(time)
                    .maxStartupWait(g.generator().maxStartupWait());
            g.nodeMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return new Opened(NamedGenerator.uuidV7(g.name(), b.build()), null);
        }
        if (scheme instanceof SchemeSettings.Wide128 w) {
            Wide128Generator.Builder b = Wide128Generator.builder().node(g.node()).timeSource(time).maxLead(w.maxLead())
                    .maxStartupWait(g.generator().maxStartupWait());
            g.nodeMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return new Opened(NamedGenerator.wide128(g.name(), b.build()), null);
        }
        if (scheme instanceof SchemeSettings.Segment s) {
            OptionalModules.requireSegment(g);
            return new Opened(Segments.open(g.name(), s), null);
        }
        return snowflake(g, time, clockSettings);
    }

    /** Snowflake or HLC, static or leased; a leased generator is also its own lease report. */
    private static Opened snowflake(GeneratorConfig g, TimeSource time, ClockSettings clockSettings) {
        IdGenerator built = g.workers().leased() ? leased(g, time, clockSettings) : staticWorkers(g, time);
        LeaseReport leases = built instanceof LeaseReport r ? r : LeaseReport.NONE;
        NamedGenerator named = g.scheme() instanceof SchemeSettings.Hlc ? NamedGenerator.hlc(g.name(), built, leases)
                : NamedGenerator.snowflake(g.name(), built, leases);
        return new Opened(named, built);
    }

    /**
     * One generator per configured worker ID ({@code worker: 4..7} is four), each with its own high-water mark
     * file, striped so that every thread sticks to one; a single worker ID is a plain generator.
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

    /** Through the coordinator, each leased worker with its file mark too: it may have run static, its clock ahead. */
    private static IdGenerator leased(GeneratorConfig g, TimeSource time, ClockSettings clockSettings) {
        OptionalModules.requireCoordination(g);
        return Leasing.open(g, time, clockSettings, lease -> {
            IdGeneratorBuilder b = builder(g, time).lease(lease);
            g.highWaterMarkFile(lease.datacenter(), lease.worker()).ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return b.build();
        });
    }

    /**
     * The configured layout, clock, policies and waits, without worker or store. An HLC runs ahead of the clock
     * instead of waiting, by up to its maximum drift, whatever made it ahead: a rollback, a burst, a merged ID.
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
}
