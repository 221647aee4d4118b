package io.idmint.cli;

import io.idmint.composition.Composition;
import io.idmint.composition.OpenedGenerators;
import io.idmint.config.GeneratorConfig;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.NamedGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Print new IDs, one per line.",
                "Restart-safe by default: the worker's high-water mark lives in --state-dir (./data), and a second"
                        + " process with the same worker and state directory is refused instead of issuing duplicates."})
final class GenerateCommand implements Callable<Integer> {
    /** How many lines one run may print; they are issued in batches of at most {@link BatchSize#MAX}. */
    static final int MAX_COUNT = 10_000_000;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options;

    @Option(names = {"-n", "--count"}, description = "How many IDs (1..10000000, default 1).", defaultValue = "1")
    int count;

    @Option(names = "--generator", description = "Which generator of --config (default: the top level's, 'default').")
    String generator;

    @Option(names = "--worker", description = "Worker ID (default 0, or the config's).")
    Long worker;

    @Option(names = "--format", description = "decimal, base32, hex or uuid (default: the generator's own text: decimal"
            + " for 64-bit IDs, a UUID or 26 base32 symbols for 128-bit ones).")
    String format;

    @Option(names = "--no-state", description = "No high-water mark: not restart-safe across clock rollbacks.")
    boolean noState;

    @Override
    public Integer call() {
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidRequestException("count must be 1.." + MAX_COUNT + ": count=" + count);
        }
        GeneratorConfig chosen = configure();
        PrintWriter out = spec.commandLine().getOut();
        try (OpenedGenerators opened = Composition.openOne(chosen, UnaryOperator.identity())) {
            IdIssuer issuer = opened.issuer();
            NamedGenerator g = issuer.defaultGenerator();
            IdPrinter printer = IdPrinter.of(format, g);
            g.layout().flatMap(l -> l.lifetimeWarning(System.currentTimeMillis(),
                    Duration.ofDays(chosen.generator().lifetimeWarningDays())))
                    .ifPresent(w -> spec.commandLine().getErr().println("idmint: warning: " + w));
            long[] ids = new long[Math.min(count, BatchSize.MAX) * g.codec().words()];
            for (int done = 0; done < count; ) {
                BatchSize n = BatchSize.of(Math.min(ids.length / g.codec().words(), count - done));
                issuer.issue(g, ids, 0, n);
                for (int i = 0; i < n.value(); i++) {
                    out.println(printer.text(ids, i));
                }
                done += n.value();
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private GeneratorConfig configure() {
        GeneratorConfig g = options.applyFlags(Composition.select(options.load(Path.of("data")), generator));
        if (worker != null) {
            g = g.withGenerator(s -> s.withWorker(worker));
        }
        if (noState) {
            g = g.withGenerator(s -> s.withStateDir(null));
        }
        return g.validate(options.source());
    }
}
