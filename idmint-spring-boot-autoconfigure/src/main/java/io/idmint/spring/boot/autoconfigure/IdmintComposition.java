package io.idmint.spring.boot.autoconfigure;

import io.idmint.clock.KernelClock;
import io.idmint.config.ClockKind;
import io.idmint.config.ClockSettings;
import io.idmint.config.ConfigException;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.GeneratorSettings;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGeneratorBuilder;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.TimeSource;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import io.idmint.core.issuing.ClockCheck;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.core.issuing.UnknownGeneratorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Configuration in, generators out: turns an {@link IdmintConfig} (idmint-config's records, however they were
 * read) into open generators, each Snowflake or HLC one static with its file high-water mark or leased from
 * ZooKeeper or etcd, and UUIDv7 and 128-bit ones with their node's mark. It uses no Spring type: the command
 * line's composition root could call it too, once it lives in a module both depend on.
 *
 * <p>Not composed here: the {@code segment} scheme (it needs idmint-segment, and the starter does not offer
 * it yet). Leased allocation needs idmint-coordination on the classpath; without it a leased generator is
 * refused as a configuration problem naming {@code workers.allocation}.
 */
public final class IdmintComposition {
    private static final String COORDINATION = "io.idmint.coordination.LeasedIdGenerator";

    private IdmintComposition() {}

    /**
     * One open generator.
     *
     * @param named what every face issues from
     * @param idGenerator the same generator as core's 64-bit interface, or null for schemes without one (uuid7, wide128)
     */
    public record OpenedGenerator(NamedGenerator named, IdGenerator idGenerator) {}

    /** Every generator of a configuration, open, behind one issuer; closing it closes them all. */
    public static final class OpenedGenerators implements AutoCloseable {
        private final IdIssuer issuer;
        private final Map<String, IdGenerator> idGenerators;

        OpenedGenerators(IdIssuer issuer, Map<String, IdGenerator> idGenerators) {
            this.issuer = issuer;
            this.idGenerators = Collections.unmodifiableMap(idGenerators);
        }

        public IdIssuer issuer() {
            return issuer;
        }

        /**
         * The generator called {@code name}; the default one for {@code ""}.
         *
         * @throws UnknownGeneratorException listing the generators served
         */
        public NamedGenerator namedGenerator(String name) {
            return issuer.generator(name);
        }

        /** The 64-bit generators (Snowflake, HLC) by name. */
        public Map<String, IdGenerator> idGenerators() {
            return idGenerators;
        }

        /**
         * The 64-bit generator called {@code name}.
         *
         * @throws UnknownGeneratorException when there is none of that name with a 64-bit scheme
         */
        public IdGenerator idGenerator(String name) {
            IdGenerator g = idGenerators.get(name);
            if (g == null) {
                throw new UnknownGeneratorException(name, idGenerators.keySet());
            }
            return g;
        }

        /** Stops issuing and closes every generator: each stores its exact high-water mark or releases its lease. */
        @Override
        public void close() {
            issuer.close();
        }
    }

    /** As {@link #open(IdmintConfig, UnaryOperator)} with each generator's configured clock as it is. */
    public static OpenedGenerators open(IdmintConfig cfg) {
        return open(cfg, UnaryOperator.identity());
    }

    /**
     * Opens every generator {@code cfg} declares, the default first. On a failure, those already open are
     * closed (storing their marks, releasing their leases) before the failure propagates unchanged.
     *
     * @param clock wraps each generator's configured clock (a test offset; identity otherwise)
     */
    public static OpenedGenerators open(IdmintConfig cfg, UnaryOperator<TimeSource> clock) {
        List<OpenedGenerator> opened = new ArrayList<>();
        try {
            for (GeneratorConfig g : cfg.generators()) {
                opened.add(open(g, clock, cfg.clock()));
            }
            return assemble(opened, cfg.clock());
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * The issuer over generators opened one by one with {@link #open(GeneratorConfig, UnaryOperator, ClockSettings)};
     * the one named {@value IdIssuer#DEFAULT} is the default. Its clock check reads the kernel's view of the host clock.
     */
    public static OpenedGenerators assemble(List<OpenedGenerator> opened, ClockSettings clock) {
        List<NamedGenerator> named = new ArrayList<>();
        Map<String, IdGenerator> ids = new LinkedHashMap<>();
        for (OpenedGenerator o : opened) {
            named.add(o.named());
            if (o.idGenerator() != null) {
                ids.put(o.named().name(), o.idGenerator());
            }
        }
        IdIssuer issuer = IdIssuer.of(named, IdIssuer.DEFAULT, new ClockCheck(KernelClock.host(), clock.requireNtpSync()));
        return new OpenedGenerators(issuer, ids);
    }

    /** Closes what was opened before {@code failure}, adding what their closing throws to it. */
    public static void closeAll(List<OpenedGenerator> opened, RuntimeException failure) {
        for (OpenedGenerator o : opened) {
            try {
                o.named().close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Opens one generator.
     *
     * @throws ConfigException for a scheme or allocation this class cannot serve, naming the key
     * @throws io.idmint.core.IdGenerationException when it cannot start: its mark's lock is held, its clock is
     *     behind its mark beyond the startup wait, no lease could be had
     */
    public static OpenedGenerator open(GeneratorConfig g, UnaryOperator<TimeSource> clock, ClockSettings clockSettings) {
        String prefix = g.name().equals(IdIssuer.DEFAULT) ? "" : "generators." + g.name() + ".";
        TimeSource time = clock.apply(g.generator().clock() == ClockKind.MONOTONIC ? TimeSource.monotonic() : TimeSource.system());
        SchemeSettings scheme = g.scheme();
        if (scheme instanceof SchemeSettings.Uuid7) {
            UuidV7Generator.Builder b = UuidV7Generator.builder().node(g.node()).timeSource(time)
                    .maxStartupWait(g.generator().maxStartupWait());
            g.nodeMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return new OpenedGenerator(NamedGenerator.uuidV7(g.name(), b.build()), null);
        }
        if (scheme instanceof SchemeSettings.Wide128 w) {
            Wide128Generator.Builder b = Wide128Generator.builder().node(g.node()).timeSource(time).maxLead(w.maxLead())
                    .maxStartupWait(g.generator().maxStartupWait());
            g.nodeMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            return new OpenedGenerator(NamedGenerator.wide128(g.name(), b.build()), null);
        }
        if (scheme instanceof SchemeSettings.Segment) {
            throw new ConfigException("generator " + g.name(), List.of(prefix + "scheme=segment is not composed here yet:"
                    + " run segment generators with the idmint service, or use snowflake, hlc, uuid7 or wide128"
                    + " (example: scheme: snowflake)"));
        }
        boolean hlc = scheme instanceof SchemeSettings.Hlc;
        IdGenerator built;
        if (!g.workers().leased()) {
            IdGeneratorBuilder b = builder(g, time).datacenter(g.generator().datacenter()).worker(g.generator().worker());
            g.highWaterMarkFile().ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
            built = b.build();
        } else {
            requireCoordination(g, prefix);
            built = LeasedComposition.open(g, time, clockSettings, lease -> {
                IdGeneratorBuilder b = builder(g, time).lease(lease);
                // The worker's file mark too: it may have run under static allocation, with its clock ahead.
                g.highWaterMarkFile(lease.datacenter(), lease.worker()).ifPresent(f -> b.highWaterMark(HighWaterMarkStore.file(f)));
                return b.build();
            });
        }
        LeaseReport leases = built instanceof LeaseReport r ? r : LeaseReport.NONE;
        NamedGenerator named = hlc ? NamedGenerator.hlc(g.name(), built, leases) : NamedGenerator.snowflake(g.name(), built, leases);
        return new OpenedGenerator(named, built);
    }

    /**
     * The configured layout, clock, policies and waits, without worker or store. An HLC runs ahead of the clock
     * instead of waiting, by up to its maximum drift.
     */
    static IdGeneratorBuilder builder(GeneratorConfig g, TimeSource time) {
        GeneratorSettings s = g.generator();
        IdGeneratorBuilder b = IdGenerator.builder(s.layout()).timeSource(time).rollbackPolicy(s.rollbackPolicy())
                .overflowPolicy(s.overflowPolicy()).reservationWindow(s.reservationWindow()).maxStartupWait(s.maxStartupWait());
        if (g.scheme() instanceof SchemeSettings.Hlc h) {
            b.rollbackPolicy(ClockRollbackPolicy.logicalOffset(h.maxDrift())).overflowPolicy(SequenceOverflowPolicy.borrowAhead(h.maxDrift()));
        }
        return b;
    }

    private static void requireCoordination(GeneratorConfig g, String prefix) {
        if (coordinationPresent()) {
            return;
        }
        String kind = g.workers().allocation().name().toLowerCase(Locale.ROOT);
        throw new ConfigException("generator " + g.name(), List.of(prefix + "workers.allocation=" + kind + " leases worker IDs"
                + " through idmint-coordination, which is not on the classpath: add the dependency io.idmint:idmint-coordination"
                + " (example: allocation: static)"));
    }

    /** Looked up through the thread's context class loader where there is one (the application's, in Boot). */
    static boolean coordinationPresent() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName(COORDINATION, false, context != null ? context : IdmintComposition.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The generator called {@code name} (null: the default) of {@code cfg}. */
    public static Optional<GeneratorConfig> select(IdmintConfig cfg, String name) {
        String wanted = name == null ? IdIssuer.DEFAULT : name;
        return cfg.generators().stream().filter(g -> g.name().equals(wanted)).findFirst();
    }
}
