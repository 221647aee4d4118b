package io.idmint.composition;

import io.idmint.clock.KernelClock;
import io.idmint.config.ClockSettings;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.core.Field;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.TimeSource;
import io.idmint.core.issuing.ClockCheck;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.UnknownGeneratorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The composition root: configuration in, generators out. The one place that knows how a configured generator
 * is built (static with its file high-water mark, leased from ZooKeeper or etcd, hybrid, UUIDv7 and 128-bit with
 * their node's mark, segment over its stores), so the command line and the Spring Boot starter cannot drift
 * apart: each only reads its configuration its own way and hands the resulting {@link IdmintConfig} here.
 *
 * <p>Leased allocation needs idmint-coordination and the segment scheme idmint-segment; both are optional
 * dependencies, and a configuration that needs an absent one is refused with a {@link io.idmint.config.ConfigException}
 * naming the key and the dependency to add.
 */
public final class Composition {
    private Composition() {}

    /** As {@link #open(IdmintConfig, UnaryOperator)} with each generator's configured clock as it is. */
    public static OpenedGenerators open(IdmintConfig cfg) {
        return open(cfg, UnaryOperator.identity());
    }

    /**
     * Opens every generator {@code cfg} declares, the default first. On a failure, those already open are closed
     * (storing their marks, releasing their leases) before the failure propagates unchanged.
     *
     * @param clock wraps each generator's configured clock (a test offset; identity otherwise)
     * @throws io.idmint.config.ConfigException for an allocation or scheme whose optional module is absent
     * @throws io.idmint.core.IdGenerationException when a generator cannot start: its mark's lock is held, its
     *     clock is behind its mark beyond the startup wait, no lease could be had
     */
    public static OpenedGenerators open(IdmintConfig cfg, UnaryOperator<TimeSource> clock) {
        return open(cfg, clock, OpenObserver.NONE);
    }

    /**
     * As {@link #open(IdmintConfig, UnaryOperator)}, telling {@code observer} of each generator as it opens or
     * fails, so a caller can log each one and name the failing generator in its own terms.
     */
    public static OpenedGenerators open(IdmintConfig cfg, UnaryOperator<TimeSource> clock, OpenObserver observer) {
        List<Opened> opened = new ArrayList<>();
        try {
            for (GeneratorConfig g : cfg.generators()) {
                Opened o = openObserved(g, clock, cfg.clock(), observer);
                opened.add(o);
                observer.opened(g, o.named());
            }
            ClockCheck check = new ClockCheck(KernelClock.host(), cfg.clock().requireNtpSync());
            return OpenedGenerators.of(opened, IdIssuer.DEFAULT, check);
        } catch (RuntimeException e) {
            OpenedGenerators.closeAll(opened, e);
            throw e;
        }
    }

    private static Opened openObserved(GeneratorConfig g, UnaryOperator<TimeSource> clock, ClockSettings settings,
                                       OpenObserver observer) {
        try {
            return Generators.open(g, clock, settings);
        } catch (RuntimeException e) {
            throw observer.failed(g, e);
        }
    }

    /**
     * Just {@code g}, which is the issuer's default: for commands that use one generator. Its issuer does not
     * check the host clock, as a one-shot command has no readiness to report.
     */
    public static OpenedGenerators openOne(GeneratorConfig g, UnaryOperator<TimeSource> clock) {
        List<Opened> opened = List.of(Generators.open(g, clock, ClockSettings.DEFAULT));
        try {
            return OpenedGenerators.of(opened, g.name(), ClockCheck.NONE);
        } catch (RuntimeException e) {
            OpenedGenerators.closeAll(opened, e);
            throw e;
        }
    }

    /**
     * What a node serves once it was named: every static Snowflake or HLC generator issues as worker
     * {@code nodeNumber} ({@code n3} is worker 3), UUIDv7 and 128-bit ones as node {@code nodeNumber} with a
     * mark of their own (one configured node would be every node's); leased and segment ones are as configured.
     *
     * @throws InvalidRequestException when a static generator's layout cannot hold the node's number
     */
    public static OpenedGenerators openForNode(IdmintConfig cfg, UnaryOperator<TimeSource> clock, String nodeId, long nodeNumber) {
        List<GeneratorConfig> node = new ArrayList<>();
        for (GeneratorConfig g : cfg.generators()) {
            node.add(forNode(g, nodeId, nodeNumber));
        }
        return open(new IdmintConfig(cfg.http(), cfg.grpc(), node.get(0), node.subList(1, node.size()), cfg.clock()), clock);
    }

    private static GeneratorConfig forNode(GeneratorConfig g, String nodeId, long nodeNumber) {
        if (g.workers().leased() || g.scheme() instanceof SchemeSettings.Segment) {
            return g;
        }
        if (g.scheme() instanceof SchemeSettings.Uuid7 || g.scheme() instanceof SchemeSettings.Wide128) {
            SchemeSettings own = g.scheme() instanceof SchemeSettings.Uuid7 ? SchemeSettings.Uuid7.DEFAULT
                    : new SchemeSettings.Wide128(-1, ((SchemeSettings.Wide128) g.scheme()).maxLead());
            return g.withScheme(own).withGenerator(s -> s.withWorker(nodeNumber));
        }
        long max = g.generator().layout().maxValue(Field.WORKER);
        if (nodeNumber > max) {
            throw new InvalidRequestException("node_id " + nodeId + " maps to worker " + nodeNumber + ", but layout '"
                    + g.generator().layout().name() + "' of generator " + g.name() + " allows workers 0.." + max
                    + ": node_id=" + nodeId);
        }
        return g.withGenerator(s -> s.withWorker(nodeNumber));
    }

    /**
     * The generator called {@code name} (null: the default) of {@code cfg}.
     *
     * @throws UnknownGeneratorException listing the generators the configuration declares
     */
    public static GeneratorConfig select(IdmintConfig cfg, String name) {
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
}
