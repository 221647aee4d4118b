package io.idmint.cli;

import io.idmint.config.ConfigException;
import io.idmint.core.IdGenerationException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The {@code idmint} command. Exit codes: {@value ExitCodes#OK} success; {@value ExitCodes#FAILURE}
 * the work could not be done (e.g. the clock is behind what was already issued, a plan does not fit 63
 * bits); {@value ExitCodes#INVALID_INPUT} invalid input (usage, an invalid ID, an invalid config).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line with the given streams; returns the exit code. Tests call this directly. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = commandLine().setOut(outWriter).setErr(errWriter);
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new IdmintCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("idmint: " + e.getMessage());
            return exitCodeOf(e);
        });
        return cli;
    }

    static int exitCodeOf(Exception e) {
        if (e instanceof IdGenerationException) {
            return ExitCodes.FAILURE;
        }
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.FAILURE;
    }
}
