package io.idmint.config;

import io.idmint.core.Field;
import io.idmint.core.issuing.IdIssuer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One generator a process serves: its name, its {@link GeneratorSettings}, its {@link Workers} and its
 * {@link SchemeSettings}. The top level of the file is the generator named {@value IdIssuer#DEFAULT}; each
 * entry of {@code generators:} starts from the top level's settings and overrides what it sets, except the
 * scheme, which is each generator's own (Snowflake unless it says otherwise).
 */
public record GeneratorConfig(String name, GeneratorSettings generator, Workers workers, SchemeSettings scheme) {
    /** The embedded default: what {@code bin/idmint generate} and {@code serve} use without a file. */
    public static final GeneratorConfig DEFAULT = new GeneratorConfig(IdIssuer.DEFAULT, GeneratorSettings.DEFAULT, Workers.STATIC);

    public GeneratorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(scheme, "scheme");
    }

    /** A Snowflake generator. */
    public GeneratorConfig(String name, GeneratorSettings generator, Workers workers) {
        this(name, generator, workers, SchemeSettings.Snowflake.INSTANCE);
    }

    public GeneratorConfig withGenerator(UnaryOperator<GeneratorSettings> change) {
        return new GeneratorConfig(name, change.apply(generator), workers, scheme);
    }

    public GeneratorConfig withWorkers(UnaryOperator<Workers> change) {
        return new GeneratorConfig(name, generator, change.apply(workers), scheme);
    }

    public GeneratorConfig withScheme(SchemeSettings newScheme) {
        return new GeneratorConfig(name, generator, workers, newScheme);
    }

    /**
     * The node of a UUIDv7 or 128-bit generator: the scheme's {@code node}, or {@code datacenter << 16 |
     * worker} when it sets none; -1 for other schemes.
     */
    public long node() {
        long configured = scheme instanceof SchemeSettings.Uuid7 u ? u.node()
                : scheme instanceof SchemeSettings.Wide128 w ? w.node() : -2;
        if (configured == -2) {
            return -1;
        }
        return configured >= 0 ? configured : generator.datacenter() << 16 | generator.worker();
    }

    /** Where a UUIDv7 or 128-bit generator keeps its high-water mark: one file per node, like a worker's. */
    public Optional<Path> nodeMarkFile() {
        String file = scheme.name() + "-node" + node() + ".hwm";
        return generator.stateDirectory().map(d -> name.equals(IdIssuer.DEFAULT) ? d.resolve(file) : d.resolve(name).resolve(file));
    }

    /**
     * Where this generator's high-water mark lives: one file per (datacenter, worker) in the state
     * directory, in a folder of its own for a named generator, so two generators never share a lock.
     */
    public Optional<Path> highWaterMarkFile() {
        return highWaterMarkFile(generator.datacenter(), generator.worker());
    }

    /**
     * The same for a worker ID known only once leased: a leased generator keeps this file current as well,
     * so moving a worker ID between static and leased allocation never loses its mark.
     */
    public Optional<Path> highWaterMarkFile(long datacenter, long worker) {
        String file = "worker-dc" + datacenter + "-w" + worker + ".hwm";
        return generator.stateDirectory().map(d -> name.equals(IdIssuer.DEFAULT) ? d.resolve(file) : d.resolve(name).resolve(file));
    }

    /**
     * The problems that need more than one setting to see: identity against the layout, the workers'
     * ranges. Keys are named as the file names them ({@code generators.NAME.} for a named generator).
     */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        addProblems(problems, IdmintConfig.prefix(name), true);
        return problems;
    }

    /** @throws ConfigException listing every problem {@link #problems()} finds; {@code source} names where the settings came from */
    public GeneratorConfig validate(String source) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return this;
    }

    /** @param layoutRead false when the layout section did not read: only the checks that need no layout run */
    void addProblems(List<String> problems, String prefix, boolean layoutRead) {
        GeneratorSettings g = generator;
        SchemeProblems.add(problems, prefix, this, layoutRead);
        if (!scheme.usesWorkers()) {
            return;
        }
        if (layoutRead) {
            checkAgainstLayout(problems, prefix, "datacenter", g.datacenter(), g.layout().maxValue(Field.DATACENTER), 1);
            checkAgainstLayout(problems, prefix, "worker", g.lastWorker(), g.layout().maxValue(Field.WORKER), 3);
        }
        workers.check(problems, prefix, layoutRead ? g.layout() : null, g.workerGiven() ? g.worker() : -1);
        if (g.workerCount() > 1) {
            checkWorkerRange(problems, prefix);
        }
    }

    /** Several static worker IDs: for static allocation, or hybrid within its static range; leases use perProcess. */
    private void checkWorkerRange(List<String> problems, String prefix) {
        GeneratorSettings g = generator;
        String range = g.worker() + ".." + g.lastWorker();
        if (workers.allocation() == AllocationKind.ZOOKEEPER || workers.allocation() == AllocationKind.ETCD) {
            problems.add(prefix + "generator.worker=" + range + " names static worker IDs, but " + prefix + "workers.allocation="
                    + workers.allocation().name().toLowerCase(java.util.Locale.ROOT) + " leases them: hold several leased"
                    + " IDs with workers.perProcess (example: perProcess: " + g.workerCount() + ")");
        } else if (workers.allocation() == AllocationKind.HYBRID && g.lastWorker() > workers.staticLast()) {
            problems.add("static worker IDs under hybrid allocation must lie in " + prefix + "workers.staticRange "
                    + workers.staticFirst() + ".." + workers.staticLast() + ": worker=" + range);
        }
    }

    private void checkAgainstLayout(List<String> problems, String prefix, String key, long value, long max, long example) {
        if (value < 0 || value > max) {
            problems.add(prefix + "generator." + key + " must be 0.." + max + " for layout '" + generator.layout().name()
                    + "': " + prefix + "generator." + key + "=" + value + " (example: " + key + ": " + Math.min(example, max) + ")");
        }
    }
}
