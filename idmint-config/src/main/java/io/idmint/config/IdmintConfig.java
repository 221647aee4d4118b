package io.idmint.config;

import io.idmint.core.issuing.IdIssuer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A whole configuration as data: the HTTP and gRPC settings of {@code serve}, the default generator (the
 * file's top level) and the named ones ({@code generators:}). Read from YAML with {@link #load(Path)},
 * changed by environment variables and flags with the {@code with...} methods, then checked as a whole
 * with {@link #validate(String)}. Turning it into generators is the command line's job.
 *
 * @param http the {@code http:} section
 * @param grpc the {@code grpc:} section
 * @param defaultGenerator the top level's {@code layout:}, {@code generator:} and {@code workers:}, named {@value IdIssuer#DEFAULT}
 * @param named the entries of {@code generators:}, in file order
 * @param clock the {@code clock:} section
 */
public record IdmintConfig(HttpSettings http, GrpcSettings grpc, GeneratorConfig defaultGenerator,
                           List<GeneratorConfig> named, ClockSettings clock) {
    public IdmintConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(grpc, "grpc");
        Objects.requireNonNull(defaultGenerator, "defaultGenerator");
        named = List.copyOf(named);
        Objects.requireNonNull(clock, "clock");
    }

    /** With the default {@code clock:} section. */
    public IdmintConfig(HttpSettings http, GrpcSettings grpc, GeneratorConfig defaultGenerator, List<GeneratorConfig> named) {
        this(http, grpc, defaultGenerator, named, ClockSettings.DEFAULT);
    }

    /** The embedded default: one generator, static worker 0, high-water mark under {@code ./data}. */
    public static IdmintConfig defaults() {
        return new IdmintConfig(HttpSettings.DEFAULT, GrpcSettings.DEFAULT, GeneratorConfig.DEFAULT, List.of());
    }

    /** @throws ConfigException listing every problem of the file */
    public static IdmintConfig load(Path file) {
        ConfigFileReader.Result read = ConfigFileReader.read(file);
        if (!read.problems().isEmpty()) {
            throw new ConfigException(file.toString(), read.problems());
        }
        return read.config();
    }

    /** Every problem of the file, each with the key, the value, the limit and an example; empty when valid. */
    public static List<String> problems(Path file) {
        return ConfigFileReader.read(file).problems();
    }

    /** Every generator: the default first, then the named ones in file order. */
    public List<GeneratorConfig> generators() {
        List<GeneratorConfig> all = new ArrayList<>(named.size() + 1);
        all.add(defaultGenerator);
        all.addAll(named);
        return all;
    }

    public IdmintConfig withHttp(UnaryOperator<HttpSettings> change) {
        return new IdmintConfig(change.apply(http), grpc, defaultGenerator, named, clock);
    }

    public IdmintConfig withGrpc(UnaryOperator<GrpcSettings> change) {
        return new IdmintConfig(http, change.apply(grpc), defaultGenerator, named, clock);
    }

    public IdmintConfig withDefaultGenerator(UnaryOperator<GeneratorConfig> change) {
        return new IdmintConfig(http, grpc, change.apply(defaultGenerator), named, clock);
    }

    /** Changes the default generator's settings (what flags such as {@code --worker} apply to). */
    public IdmintConfig withGenerator(UnaryOperator<GeneratorSettings> change) {
        return withDefaultGenerator(g -> g.withGenerator(change));
    }

    public IdmintConfig withWorkers(UnaryOperator<Workers> change) {
        return withDefaultGenerator(g -> g.withWorkers(change));
    }

    /**
     * Applies {@code IDMINT_*} environment variables over this configuration (see the README for the list);
     * they change the HTTP and gRPC settings and the default generator.
     *
     * @throws ConfigException listing every variable whose value is invalid
     */
    public IdmintConfig withEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        IdmintConfig changed = EnvironmentOverrides.apply(this, env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException("the environment", problems);
        }
        return changed;
    }

    /** Problems that need more than one setting to see; empty when the whole is consistent. */
    public List<String> problems() {
        return problems(Set.of());
    }

    /**
     * As {@link #problems()}, without the checks against the layout of the generators named in
     * {@code layoutUnread}: their layout is a fallback, and checking against it would only mislead.
     */
    List<String> problems(Set<String> layoutUnread) {
        List<String> problems = new ArrayList<>();
        addTransportProblems(problems);
        Set<String> names = new HashSet<>();
        List<GeneratorConfig> all = generators();
        for (int i = 0; i < all.size(); i++) {
            GeneratorConfig g = all.get(i);
            if (!names.add(g.name())) {
                problems.add("generator names must be unique: " + g.name() + " appears twice");
            }
            boolean layoutRead = !layoutUnread.contains(g.name());
            g.addProblems(problems, prefix(g.name()), layoutRead);
            for (GeneratorConfig earlier : all.subList(0, i)) {
                if (layoutRead && !layoutUnread.contains(earlier.name())) {
                    addSameIdsProblem(problems, earlier, g);
                }
            }
        }
        return problems;
    }

    private void addTransportProblems(List<String> problems) {
        if ((http.tlsCertPath() == null) != (http.tlsKeyPath() == null)) {
            problems.add("http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=" + http.tlsCertPath()
                    + " tlsKeyPath=" + http.tlsKeyPath() + " (example: tlsCertPath: /etc/idmint/cert.pem)");
        }
        if (http.warmupRequests() < 0 || http.warmupRequests() > HttpSettings.MAX_WARMUP_REQUESTS) {
            problems.add("http.warmupRequests must be 0.." + HttpSettings.MAX_WARMUP_REQUESTS + ": http.warmupRequests="
                    + http.warmupRequests() + " (example: warmupRequests: 2000)");
        }
    }

    /**
     * Two static generators of one process with the same bits and the same datacenter and worker would
     * compose equal IDs; a named generator inherits the top level's worker, so this is the easy mistake.
     */
    private static void addSameIdsProblem(List<String> problems, GeneratorConfig a, GeneratorConfig b) {
        if (!a.scheme().usesWorkers() || !b.scheme().usesWorkers()) {
            addSameNodeProblem(problems, a, b);
            return;
        }
        GeneratorSettings x = a.generator();
        GeneratorSettings y = b.generator();
        if (a.workers().leased() || b.workers().leased() || !x.layout().fingerprint().equals(y.layout().fingerprint())
                || x.datacenter() != y.datacenter() || x.worker() > y.lastWorker() || y.worker() > x.lastWorker()) {
            return;
        }
        long shared = Math.max(x.worker(), y.worker());
        problems.add("generators " + a.name() + " and " + b.name() + " would issue the same IDs: same layout bits ("
                + x.layout().fingerprint() + "), datacenter " + x.datacenter() + ", worker " + shared
                + " (example: " + prefix(b.name()) + "generator.worker: " + (x.lastWorker() + 1) + ")");
    }

    /** Two UUIDv7 (or two 128-bit) generators of one process with one node would differ only in random bits, or not at all. */
    private static void addSameNodeProblem(List<String> problems, GeneratorConfig a, GeneratorConfig b) {
        if (!a.scheme().name().equals(b.scheme().name()) || a.node() < 0 || a.node() != b.node()) {
            return;
        }
        problems.add("generators " + a.name() + " and " + b.name() + " would issue the same IDs: both " + a.scheme().name()
                + " with node " + a.node() + " (example: " + prefix(b.name()) + a.scheme().name() + ".node: " + (a.node() + 1) + ")");
    }

    /**
     * @param source names where the settings came from in the message, e.g. the file
     * @throws ConfigException listing every problem {@link #problems()} finds
     */
    public IdmintConfig validate(String source) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return this;
    }

    /** How messages name a generator's keys: none for the default, {@code generators.NAME.} otherwise. */
    static String prefix(String generatorName) {
        return generatorName.equals(IdIssuer.DEFAULT) ? "" : "generators." + generatorName + ".";
    }
}
