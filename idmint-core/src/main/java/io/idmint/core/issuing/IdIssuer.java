package io.idmint.core.issuing;

import io.idmint.core.Readiness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issuing core every face uses (HTTP, gRPC, the node, the CLI): the named generators of one process,
 * with the request rules around them. It resolves a generator by name (none or empty: {@value #DEFAULT}),
 * takes batch sizes only as {@link BatchSize} (so the limit is checked once, at the edge), refuses to
 * issue once the process stops issuing, and reports whether the whole process can serve. Faces classify
 * what it throws with {@link IssueFailure#of(Throwable)} and map the kind to their own codes.
 *
 * <p>Thread-safe: generators are fixed at construction; the stop switch is a volatile field.
 */
public final class IdIssuer implements AutoCloseable {
    /** The generator served when a request names none. */
    public static final String DEFAULT = "default";

    private final Map<String, NamedGenerator> generators;
    private final NamedGenerator defaultGenerator;
    private final ClockCheck clock;
    private volatile String stoppedBecause;

    private IdIssuer(Map<String, NamedGenerator> generators, String defaultName, ClockCheck clock) {
        this.generators = Collections.unmodifiableMap(generators);
        this.defaultGenerator = generators.get(defaultName);
        this.clock = clock;
    }

    /**
     * @param generators the process's generators; one must be named {@value #DEFAULT}, names are unique
     * @throws IllegalArgumentException naming the missing default or the repeated name
     */
    public static IdIssuer of(List<NamedGenerator> generators) {
        return of(generators, DEFAULT);
    }

    /**
     * @param defaultName the generator served when a request names none, e.g. the one a command was told to use
     * @throws IllegalArgumentException naming the missing default or the repeated name
     */
    public static IdIssuer of(List<NamedGenerator> generators, String defaultName) {
        return of(generators, defaultName, ClockCheck.NONE);
    }

    /**
     * @param clock the process's clock check, which {@link #clockStatus()} reports and readiness may require
     * @throws IllegalArgumentException naming the missing default or the repeated name
     */
    public static IdIssuer of(List<NamedGenerator> generators, String defaultName, ClockCheck clock) {
        Map<String, NamedGenerator> byName = new LinkedHashMap<>();
        for (NamedGenerator g : generators) {
            if (byName.putIfAbsent(g.name(), g) != null) {
                throw new IllegalArgumentException("generator names must be unique: " + g.name() + " appears twice");
            }
        }
        if (!byName.containsKey(defaultName)) {
            throw new IllegalArgumentException("the default generator " + defaultName + " is not among " + byName.keySet());
        }
        return new IdIssuer(byName, defaultName, clock);
    }

    /** A process serving one generator, which must be named {@value #DEFAULT}. */
    public static IdIssuer of(NamedGenerator only) {
        return of(List.of(only));
    }

    /**
     * The generator called {@code name}; the default one when {@code name} is null or empty.
     *
     * @throws UnknownGeneratorException naming the value and the generators this process serves
     */
    public NamedGenerator generator(String name) {
        if (name == null || name.isEmpty()) {
            return defaultGenerator;
        }
        NamedGenerator g = generators.get(name);
        if (g == null) {
            throw new UnknownGeneratorException(name, generators.keySet());
        }
        return g;
    }

    public NamedGenerator defaultGenerator() {
        return defaultGenerator;
    }

    /** Every generator, the default first, then in configuration order. */
    public Collection<NamedGenerator> generators() {
        return generators.values();
    }

    /**
     * Issues without waiting and returns the highest sequence used, or -1 having issued nothing: see
     * {@link NamedGenerator#tryIssue}.
     *
     * @throws IssuingStoppedException once {@link #stopIssuing} was called
     */
    public int tryIssue(NamedGenerator g, long[] into, int offset, BatchSize count) {
        checkIssuing();
        return g.tryIssue(into, offset, count);
    }

    /**
     * Issues {@code count} strictly increasing IDs, waiting where the generator must.
     *
     * @return the highest sequence number the batch used
     * @throws IssuingStoppedException once {@link #stopIssuing} was called
     */
    public int issue(NamedGenerator g, long[] into, int offset, BatchSize count) {
        checkIssuing();
        return g.issue(into, offset, count);
    }

    /** One ID from {@code g}, waiting where it must. */
    public long issueOne(NamedGenerator g) {
        long[] one = new long[1];
        issue(g, one, 0, BatchSize.ONE);
        return one[0];
    }

    private void checkIssuing() {
        String reason = stoppedBecause;
        if (reason != null) {
            throw new IssuingStoppedException("not issuing: " + reason + "; another process may serve the request");
        }
    }

    /** The kernel's view of this host's clock, as the process's clock check reads it now. */
    public ClockStatus clockStatus() {
        return clock.status().get();
    }

    /**
     * Ready when issuing was not stopped, the clock check allows it, and every generator is ready; otherwise
     * the first reason, naming its generator.
     */
    public Readiness readiness() {
        String reason = stoppedBecause;
        if (reason != null) {
            return Readiness.notReady("not issuing: " + reason);
        }
        if (clock.readinessRequiresSync()) {
            ClockStatus c = clockStatus();
            if (c.ntp() != ClockStatus.Ntp.SYNCHRONIZED) {
                return Readiness.notReady("the kernel reports the clock " + c.ntp().name().toLowerCase(java.util.Locale.ROOT)
                        + " (" + c.detail() + ") and clock.requireNtpSync is set");
            }
        }
        for (NamedGenerator g : generators.values()) {
            Readiness r = g.readiness();
            if (!r.ready()) {
                return Readiness.notReady("generator " + g.name() + ": " + r.reason());
            }
        }
        return Readiness.READY;
    }

    /** From now on every issue throws {@link IssuingStoppedException} (retry later, elsewhere) with {@code reason}. */
    public void stopIssuing(String reason) {
        this.stoppedBecause = reason;
    }

    /** Lets issuing go on after {@link #stopIssuing(String)}. */
    public void resumeIssuing() {
        this.stoppedBecause = null;
    }

    /** Stops issuing and closes every generator, each storing its exact high-water mark or releasing its leases. */
    @Override
    public void close() {
        stopIssuing("shutting down");
        List<RuntimeException> failures = new ArrayList<>();
        for (NamedGenerator g : generators.values()) {
            try {
                g.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public String toString() {
        return "IdIssuer" + generators.keySet();
    }
}
