package io.idmint.hibernate;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGeneratorBuilder;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.MappingException;

/**
 * Where {@link IdmintId} and {@link IdmintValue} find their generators when Hibernate builds a session
 * factory. First match wins:
 *
 * <ol>
 *   <li>the Hibernate setting {@value #ISSUER}: an {@link IdIssuer} object put into the settings (the JPA
 *       properties map, {@code StandardServiceRegistryBuilder.applySetting}); the Spring Boot starter puts its
 *       issuer there, so each application context uses its own;</li>
 *   <li>the issuer given to {@link #register(IdIssuer)}, for bootstraps that take only text settings
 *       ({@code persistence.xml}): register it before the session factory is built;</li>
 *   <li>a static Snowflake generator opened from the settings or system properties {@value #WORKER}
 *       (required: there is no default worker, since two processes with the same one would issue equal IDs),
 *       {@value #DATACENTER} (default 0), {@value #LAYOUT} (a preset, default {@code default}) and
 *       {@value #STATE_DIR} (default {@code ./data}; empty turns the high-water mark off). Its mark is the CLI's
 *       file for that worker ({@code <state-dir>/worker-dc<D>-w<W>.hwm}, locked while open); it is opened once
 *       per JVM and closed, storing the exact mark, when the JVM exits or {@link #reset()} is called.</li>
 * </ol>
 *
 * <p>Generators are named as the issuer names them: {@code @IdmintId} alone takes the default one.
 */
public final class IdmintRegistry {
    /** Hibernate setting: the {@link IdIssuer} whose generators {@code @IdmintId} uses. */
    public static final String ISSUER = "idmint.issuer";
    /** Setting or system property: the worker ID of the static generator opened without an issuer. */
    public static final String WORKER = "idmint.worker";
    /** Setting or system property: its datacenter (default 0). */
    public static final String DATACENTER = "idmint.datacenter";
    /** Setting or system property: its layout preset (default {@code default}). */
    public static final String LAYOUT = "idmint.layout";
    /** Setting or system property: the directory of its high-water mark (default {@code ./data}; empty: none). */
    public static final String STATE_DIR = "idmint.state-dir";

    private static volatile IdIssuer registered;
    private static PropertyIssuer fromProperties;
    private static boolean hookInstalled;

    private IdmintRegistry() {}

    /**
     * Makes {@code issuer} the one session factories built from now on use, unless their settings name
     * another. The caller keeps owning it (and closes it after the session factories).
     */
    public static void register(IdIssuer issuer) {
        registered = Objects.requireNonNull(issuer, "issuer");
    }

    /** Forgets {@code issuer} if it is the registered one; returns whether it was. */
    public static synchronized boolean unregister(IdIssuer issuer) {
        if (registered == issuer) {
            registered = null;
            return true;
        }
        return false;
    }

    /** The issuer given to {@link #register(IdIssuer)}, if any. */
    public static Optional<IdIssuer> registered() {
        return Optional.ofNullable(registered);
    }

    /**
     * Forgets the registered issuer and closes the one opened from {@value #WORKER} and its companions, which
     * stores its exact high-water mark and releases its lock: for tests and redeployments in one JVM.
     */
    public static synchronized void reset() {
        registered = null;
        if (fromProperties != null) {
            fromProperties.issuer.close();
            fromProperties = null;
        }
    }

    /**
     * The issuer for a field, by the rules above.
     *
     * @param where names the annotation and the field in messages
     * @throws MappingException when none can be found or the properties are invalid, saying how to provide one
     */
    static IdIssuer resolve(Map<String, Object> settings, String where) {
        Object given = settings.get(ISSUER);
        if (given instanceof IdIssuer) {
            return (IdIssuer) given;
        }
        if (given != null) {
            throw new MappingException(where + ": the Hibernate setting " + ISSUER + " must hold an " + IdIssuer.class.getName()
                    + " object, found " + given.getClass().getName());
        }
        IdIssuer r = registered;
        if (r != null) {
            return r;
        }
        String worker = text(settings, WORKER);
        if (worker == null) {
            throw new MappingException(where + " has no idmint generators to draw from: put an IdIssuer into the Hibernate"
                    + " setting " + ISSUER + " (the Spring Boot starter does), register one with IdmintRegistry.register(issuer)"
                    + " before building the session factory, or set " + WORKER + " (with optional " + DATACENTER + ", " + LAYOUT
                    + ", " + STATE_DIR + ") as a Hibernate setting or system property, e.g. -D" + WORKER + "=3");
        }
        return fromProperties(settings, worker, where);
    }

    private static synchronized IdIssuer fromProperties(Map<String, Object> settings, String workerText, String where) {
        String layoutName = Optional.ofNullable(text(settings, LAYOUT)).orElse("default");
        String dir = text(settings, STATE_DIR);
        Path stateDir = dir == null ? Path.of("data") : dir.isEmpty() ? null : Path.of(dir);
        long worker = number(WORKER, workerText, where);
        String dcText = text(settings, DATACENTER);
        long datacenter = dcText == null ? 0 : number(DATACENTER, dcText, where);
        String key = layoutName + "|" + datacenter + "|" + worker + "|" + stateDir;
        if (fromProperties != null) {
            if (fromProperties.key.equals(key)) {
                return fromProperties.issuer;
            }
            throw new MappingException(where + ": this JVM already runs the generator opened from " + WORKER + " and its"
                    + " companions as " + fromProperties.key + " (layout|datacenter|worker|state-dir); it asks for " + key
                    + ": one process runs one such generator (call IdmintRegistry.reset() between tests)");
        }
        BitLayout layout;
        try {
            layout = BitLayout.preset(layoutName);
        } catch (IllegalArgumentException e) {
            throw new MappingException(where + ": " + LAYOUT + " " + e.getMessage() + " (example: -D" + LAYOUT + "=default)", e);
        }
        // Checked before the high-water mark's file is opened (and locked): a refused worker leaves nothing behind.
        checkField(where, WORKER, worker, layout.maxValue(Field.WORKER), layoutName);
        checkField(where, DATACENTER, datacenter, layout.maxValue(Field.DATACENTER), layoutName);
        IdGenerator generator;
        try {
            IdGeneratorBuilder b = IdGenerator.builder(layout).datacenter(datacenter).worker(worker);
            if (stateDir != null) {
                b.highWaterMark(HighWaterMarkStore.file(stateDir.resolve("worker-dc" + datacenter + "-w" + worker + ".hwm")));
            }
            generator = b.build();
        } catch (RuntimeException e) {
            throw new MappingException(where + ": cannot open the generator of " + WORKER + "=" + worker + ", " + DATACENTER + "="
                    + datacenter + ", " + LAYOUT + "=" + layoutName + ": " + e.getMessage(), e);
        }
        IdIssuer issuer = IdIssuer.of(NamedGenerator.snowflake(IdIssuer.DEFAULT, generator, LeaseReport.NONE));
        fromProperties = new PropertyIssuer(key, issuer);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(IdmintRegistry::reset, "idmint-hibernate-close"));
        }
        return issuer;
    }

    private static void checkField(String where, String key, long value, long max, String layoutName) {
        if (value < 0 || value > max) {
            throw new MappingException(where + ": " + key + " must be 0.." + max + " in layout " + layoutName + ": "
                    + key + "=" + value);
        }
    }

    /** A setting, else the system property of the same name; null when neither is set. */
    private static String text(Map<String, Object> settings, String key) {
        Object v = settings.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        return v == null ? null : v.toString().trim();
    }

    private static long number(String key, String text, String where) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MappingException(where + ": " + key + " must be a whole number 0 or more: " + key + "=" + text
                + " (example: -D" + key + "=3)");
    }

    private record PropertyIssuer(String key, IdIssuer issuer) {}
}
