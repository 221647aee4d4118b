package io.idmint.cli;

import io.idmint.cli.logging.LogFormat;
import io.idmint.cli.logging.Logging;
import io.idmint.core.issuing.IssueFailure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code idmint} command. Exit codes ({@link ExitCodes}): 0 success; 1 the work could not be done now
 * (retry later: the clock is behind what was already issued, no lease could be had); 2 invalid input
 * (usage, an invalid ID, an invalid config); 3 the work can never be done as asked (the layout has ended,
 * a plan does not fit 63 bits); 4 an internal error, logged on stderr under the incident ID printed.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Logs in IDMINT_LOG_FORMAT from the first line on; serve and node may choose again (--log-format, the config).
        Logging.install(Logging.fromEnvironment(System.getenv()));
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
            IssueFailure f = IssueFailure.of(e);
            if (Logging.format() == LogFormat.JSON) {
                // A process whose stderr is JSON lines (serve, node) says why it stops as one more event.
                System.getLogger("idmint").log(System.Logger.Level.ERROR, f.message(), Map.entry("error", f.message()),
                        Map.entry("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT)));
            } else {
                cmd.getErr().println("idmint: " + f.message());
            }
            return ExitCodes.of(f.kind());
        });
        return cli;
    }
}
