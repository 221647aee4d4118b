package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.core.IdBatch;
import io.idmint.core.IdFormat;
import io.idmint.core.IdGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
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
    static final int MAX_COUNT = IdGenerator.MAX_BATCH;
    private static final int CHUNK = 65_536;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options;

    @Option(names = {"-n", "--count"}, description = "How many IDs (1..10000000, default 1).", defaultValue = "1")
    int count;

    @Option(names = "--worker", description = "Worker ID (default 0, or the config's).")
    Long worker;

    @Option(names = "--format", description = "decimal, base32 or hex (default decimal).", defaultValue = "decimal")
    String format;

    @Option(names = "--no-state", description = "No high-water mark: not restart-safe across clock rollbacks.")
    boolean noState;

    @Override
    public Integer call() {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ": count=" + count);
        }
        IdFormat idFormat = IdFormat.named(format);
        IdmintConfig cfg = configure();
        PrintWriter out = spec.commandLine().getOut();
        try (IdGenerator gen = cfg.openGenerator()) {
            cfg.layout().lifetimeWarning(System.currentTimeMillis(), Duration.ofDays(cfg.lifetimeWarningDays()))
                    .ifPresent(w -> spec.commandLine().getErr().println("idmint: warning: " + w));
            for (int done = 0; done < count; done += CHUNK) {
                IdBatch batch = gen.nextIds(Math.min(CHUNK, count - done));
                for (int i = 0; i < batch.size(); i++) {
                    out.println(idFormat.format(batch.get(i)));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private IdmintConfig configure() {
        IdmintConfig.Builder b = options.applyFlags(options.builder(Path.of("data")));
        if (worker != null) {
            b.worker(worker);
        }
        if (noState) {
            b.stateDir(null);
        }
        return b.build();
    }
}
