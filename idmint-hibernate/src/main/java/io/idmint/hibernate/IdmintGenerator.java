package io.idmint.hibernate;

import io.idmint.core.IdFormat;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.hibernate.MappingException;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.hibernate.generator.GeneratorCreationContext;

/**
 * What Hibernate runs for {@link IdmintId} and {@link IdmintValue}: one ID from the named generator per
 * insert, taken in the persisting thread (so a thread's entities get strictly increasing IDs), through the
 * {@link IdIssuer}, which refuses to issue once the application shuts down. The generator is looked up when
 * the session factory is built, so an unknown name or an unsupported field type fails the boot, not an insert.
 */
public final class IdmintGenerator implements BeforeExecutionGenerator {
    private static final long serialVersionUID = 1L;

    /** What the field holds. */
    private enum Target { LONG, STRING, UUID }

    private final transient IdIssuer issuer;
    private final transient NamedGenerator generator;
    private final Target target;
    private final int words;

    /** For {@link IdmintId}: Hibernate calls it while it builds the session factory. */
    public IdmintGenerator(IdmintId annotation, Member member, GeneratorCreationContext context) {
        this("@IdmintId", annotation.generator(), member, context);
    }

    /** For {@link IdmintValue}. */
    public IdmintGenerator(IdmintValue annotation, Member member, GeneratorCreationContext context) {
        this("@IdmintValue", annotation.generator(), member, context);
    }

    private IdmintGenerator(String annotation, String name, Member member, GeneratorCreationContext context) {
        String where = where(annotation, name, member);
        Map<String, Object> settings = context.getServiceRegistry().requireService(ConfigurationService.class).getSettings();
        this.issuer = IdmintRegistry.resolve(settings, where);
        try {
            this.generator = issuer.generator(name);
        } catch (RuntimeException e) {
            throw new MappingException(where + ": " + e.getMessage(), e);
        }
        this.words = generator.codec().words();
        this.target = target(where, type(member, context), generator, words);
    }

    private static String where(String annotation, String name, Member member) {
        String field = member == null ? "?" : member.getDeclaringClass().getName() + "." + member.getName();
        return annotation + (name.isEmpty() ? "" : "(generator = \"" + name + "\")") + " on " + field;
    }

    private static Class<?> type(Member member, GeneratorCreationContext context) {
        if (member instanceof Field f) {
            return f.getType();
        }
        if (member instanceof Method m) {
            return m.getReturnType();
        }
        return context.getType().getReturnedClass();
    }

    private static Target target(String where, Class<?> type, NamedGenerator g, int words) {
        if (type == Long.class || type == long.class) {
            if (words == 1) {
                return Target.LONG;
            }
            throw new MappingException(where + ": generator " + g.name() + " (scheme " + g.scheme() + ") issues 128-bit IDs,"
                    + " which a " + type.getSimpleName() + " cannot hold: declare the field String"
                    + ("uuid7".equals(g.scheme()) ? " or UUID" : "") + ", or name a 64-bit generator");
        }
        if (type == String.class) {
            return Target.STRING;
        }
        if (type == UUID.class) {
            if ("uuid7".equals(g.scheme())) {
                return Target.UUID;
            }
            throw new MappingException(where + ": a UUID field takes a uuid7 generator's IDs, and generator " + g.name()
                    + " runs scheme " + g.scheme() + ": declare the field " + (words == 1 ? "Long or String" : "String")
                    + ", or name a uuid7 generator");
        }
        throw new MappingException(where + ": the field is " + type.getName() + "; idmint IDs go into Long, long, String"
                + " or (from a uuid7 generator) UUID fields");
    }

    @Override
    public Object generate(SharedSessionContractImplementor session, Object owner, Object currentValue, EventType eventType) {
        long[] id = new long[words];
        issuer.issue(generator, id, 0, BatchSize.ONE);
        switch (target) {
            case LONG:
                return id[0];
            case UUID:
                return new UUID(id[0], id[1]);
            default:
                return words == 1 ? IdFormat.BASE32.format(id[0]) : generator.codec().text(id, 0);
        }
    }

    @Override
    public EnumSet<EventType> getEventTypes() {
        return EventTypeSets.INSERT_ONLY;
    }

    /** The generator this field's values come from: for tests and diagnostics. */
    public NamedGenerator generator() {
        return generator;
    }

    @Override
    public String toString() {
        return "IdmintGenerator[" + generator.name() + " -> " + target + "]";
    }
}
