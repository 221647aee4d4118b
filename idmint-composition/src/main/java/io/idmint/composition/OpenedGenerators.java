package io.idmint.composition;

import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.ClockCheck;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.core.issuing.UnknownGeneratorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every generator of a configuration, open, behind one issuer; closing it closes them all. Besides the issuer
 * (what the service, the node and every Spring face issue from) it keeps the 64-bit generators by name, because
 * applications inject core's {@link IdGenerator} directly.
 */
public final class OpenedGenerators implements AutoCloseable {
    private final IdIssuer issuer;
    private final Map<String, IdGenerator> idGenerators;

    private OpenedGenerators(IdIssuer issuer, Map<String, IdGenerator> idGenerators) {
        this.issuer = issuer;
        this.idGenerators = Collections.unmodifiableMap(idGenerators);
    }

    /** The issuer over {@code opened}, {@code defaultName} its default. */
    static OpenedGenerators of(List<Opened> opened, String defaultName, ClockCheck clock) {
        List<NamedGenerator> named = new ArrayList<>();
        Map<String, IdGenerator> ids = new LinkedHashMap<>();
        for (Opened o : opened) {
            named.add(o.named());
            if (o.idGenerator() != null) {
                ids.put(o.named().name(), o.idGenerator());
            }
        }
        return new OpenedGenerators(IdIssuer.of(named, defaultName, clock), ids);
    }

    /** Closes what was opened before {@code failure}, adding what their closing throws to it. */
    static void closeAll(List<Opened> opened, RuntimeException failure) {
        for (Opened o : opened) {
            try {
                o.named().close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
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

    /** The 64-bit generators (Snowflake, HLC) by name, in configuration order. */
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
