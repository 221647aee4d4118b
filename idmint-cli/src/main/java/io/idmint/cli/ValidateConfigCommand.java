package io.idmint.cli;

import io.idmint.config.GeneratorConfig;
import io.idmint.config.GeneratorSettings;
import io.idmint.config.IdmintConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = {"Check a YAML config file before deploying it.",
                "Exit 0 when valid; 2 with every problem listed, each with an example of a valid value."})
final class ValidateConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        List<String> problems = IdmintConfig.problems(file);
        PrintWriter out = spec.commandLine().getOut();
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            for (String p : problems) {
                err.println("  - " + p);
            }
            return ExitCodes.INVALID_INPUT;
        }
        IdmintConfig cfg = IdmintConfig.load(file);
        out.println(file + ": valid");
        for (GeneratorConfig g : cfg.generators()) {
            GeneratorSettings s = g.generator();
            out.println("generator " + g.name());
            out.println("  layout      " + s.layout());
            out.println("  identity    datacenter " + s.datacenter() + ", worker " + (g.workers().leased()
                    ? "leased (" + g.workers().allocation().name().toLowerCase(java.util.Locale.ROOT) + ")" : s.worker())
                    + ", rollback " + s.rollbackPolicy() + ", overflow " + s.overflowPolicy());
            out.println("  state       " + g.highWaterMarkFile().map(Path::toString).orElse("none (not restart-safe)"));
            s.layout().lifetimeWarning(System.currentTimeMillis(), Duration.ofDays(s.lifetimeWarningDays()))
                    .ifPresent(w -> out.println("  warning     " + w));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
