package io.idmint.config;

import io.idmint.core.Field;
import io.idmint.core.issuing.IdIssuer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One generator a process serves: its name, its {@link GeneratorSettings} and its {@link Workers}. The
 * top level of the file is the generator named {@value IdIssuer#DEFAULT}; each entry of {@code generators:}
 * starts from the top level's settings and overrides what it sets.
 */
public record GeneratorConfig(String name, GeneratorSettings generator, Workers workers) {
    /** The embedded default: what {@code bin/idmint generate} and {@code serve} use without a file. */
    public static final GeneratorConfig DEFAULT = new GeneratorConfig(IdIssuer.DEFAULT, GeneratorSettings.DEFAULT, Workers.STATIC);

    public GeneratorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(workers, "workers");
    }

    public GeneratorConfig withGenerator(UnaryOperator<GeneratorSettings> change) {
        return new GeneratorConfig(name, change.apply(generator), workers);
    }

    public GeneratorConfig withWorkers(UnaryOperator<Workers> change) {
        return new GeneratorConfig(name, generator, change.apply(workers));
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
        if (layoutRead) {
            checkAgainstLayout(problems, prefix, "datacenter", g.datacenter(), g.layout().maxValue(Field.DATACENTER), 1);
            checkAgainstLayout(problems, prefix, "worker", g.worker(), g.layout().maxValue(Field.WORKER), 3);
        }
        workers.check(problems, prefix, layoutRead ? g.layout() : null, g.workerGiven() ? g.worker() : -1);
    }

    private void checkAgainstLayout(List<String> problems, String prefix, String key, long value, long max, long example) {
        if (value < 0 || value > max) {
            problems.add(prefix + "generator." + key + " must be 0.." + max + " for layout '" + generator.layout().name()
                    + "': " + prefix + "generator." + key + "=" + value + " (example: " + key + ": " + Math.min(example, max) + ")");
        }
    }
}
