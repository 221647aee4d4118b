package io.idmint.composition;

import io.idmint.config.ConfigException;
import io.idmint.config.GeneratorConfig;
import io.idmint.core.issuing.IdIssuer;
import java.util.List;
import java.util.Locale;

/**
 * idmint-coordination and idmint-segment are optional dependencies: an application that needs neither should
 * not carry ZooKeeper, etcd, JDBC or Redis clients. A configuration that needs an absent one is a configuration
 * problem naming the key that asks for it and the dependency to add, not a {@link NoClassDefFoundError}.
 */
final class OptionalModules {
    static final String COORDINATION = "io.idmint.coordination.LeasedIdGenerator";
    static final String SEGMENT = "io.idmint.segment.SegmentGenerator";

    private OptionalModules() {}

    /** @throws ConfigException when {@code g} leases its worker IDs and idmint-coordination is absent */
    static void requireCoordination(GeneratorConfig g) {
        if (present(COORDINATION)) {
            return;
        }
        String kind = g.workers().allocation().name().toLowerCase(Locale.ROOT);
        throw new ConfigException("generator " + g.name(), List.of(prefix(g) + "workers.allocation=" + kind + " leases worker IDs"
                + " through idmint-coordination, which is not on the classpath: add the dependency io.idmint:idmint-coordination"
                + " (example: allocation: static)"));
    }

    /** @throws ConfigException when {@code g} has the segment scheme and idmint-segment is absent */
    static void requireSegment(GeneratorConfig g) {
        if (present(SEGMENT)) {
            return;
        }
        throw new ConfigException("generator " + g.name(), List.of(prefix(g) + "scheme=segment issues from stores"
                + " through idmint-segment, which is not on the classpath: add the dependency io.idmint:idmint-segment,"
                + " or use snowflake, hlc, uuid7 or wide128 (example: scheme: snowflake)"));
    }

    /** The key prefix of {@code g}: none for the top-level (default) generator. */
    private static String prefix(GeneratorConfig g) {
        return g.name().equals(IdIssuer.DEFAULT) ? "" : "generators." + g.name() + ".";
    }

    /**
     * Looked up through the thread's context class loader where there is one (the application's, in Spring Boot,
     * which may hide a class this module's own loader sees).
     */
    static boolean present(String className) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName(className, false, context != null ? context : OptionalModules.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
