package io.idmint.cli;

import io.idmint.analyze.Analyzer;
import io.idmint.analyze.JdbcSource;
import io.idmint.analyze.Report;
import io.idmint.analyze.Settings;
import io.idmint.composition.Composition;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.core.BitLayout;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidRequestException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyze a stream of IDs of one layout, one per line (a file, or stdin), or the first column of a"
                + " PostgreSQL query: count, time span, per-worker counts and rates (hot workers), duplicates, per-worker order"
                + " violations, clock jumps (regressions and gaps, with their line), sequence utilisation per tick (bursts near"
                + " the cap) and the layout's lifetime used by the newest ID.",
                "A line's ID is its text up to the first blank, comma or semicolon; empty lines and lines starting with # are"
                        + " skipped. A line that is not an ID is reported with its line number and counted, never fatal.",
                "Memory is constant in the stream's length apart from the exact duplicate check, an external sort: up to"
                        + " --sort-buffer IDs in memory (8 bytes each), then sorted runs in --temp-dir (8 bytes per ID), deleted at"
                        + " the end.",
                "Exit 0 when the stream was analyzed, whatever it held; 1 when the database cannot be reached; 2 on invalid usage,"
                        + " an unreadable input or a query the database refuses."})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "IDs, one per line; - or nothing for stdin.")
    String file;

    @Option(names = "--layout", description = "Preset layout of the IDs (default: default).")
    String layout;

    @Option(names = "--config", description = "Read the layout of a generator of this YAML config.")
    Path config;

    @Option(names = "--generator", description = "Which generator of --config (default: the top level's).")
    String generator;

    @Option(names = "--format", defaultValue = "auto", description = "auto, decimal, base32 or hex. auto: 0x… is hex, digits"
            + " are decimal, 13 symbols with a letter are base32; 13 digits are ambiguous and reported as invalid lines.")
    String format;

    @Option(names = "--jdbc", paramLabel = "URL", description = "Read the IDs from PostgreSQL (jdbc:postgresql://…) with --query;"
            + " the password from $IDMINT_JDBC_PASSWORD or the URL.")
    String jdbcUrl;

    @Option(names = "--query", paramLabel = "SQL", description = "With --jdbc: a query whose first column is the ID (BIGINT or"
            + " text), e.g. \"SELECT id FROM orders ORDER BY created_at\". Order by insertion time for the order findings.")
    String query;

    @Option(names = "--jdbc-user", description = "With --jdbc: the database user (or in the URL).")
    String jdbcUser;

    @Option(names = "--json", description = "Print the report as JSON (IDs as strings) instead of the text summary.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with the charts.")
    Path html;

    @Option(names = "--gap-ms", defaultValue = "" + Settings.DEFAULT_GAP_MILLIS,
            description = "A worker's timestamps jumping forward by more than this is a gap (default ${DEFAULT-VALUE}).")
    long gapMillis;

    @Option(names = "--regression-ms", defaultValue = "0",
            description = "A worker's timestamp more than this behind its newest is a clock regression (default 0: any).")
    long regressionMillis;

    @Option(names = "--hot-factor", defaultValue = "2.0",
            description = "A worker with more than this times the mean count is hot (default ${DEFAULT-VALUE}).")
    double hotFactor;

    @Option(names = "--burst-ratio", defaultValue = "0.8",
            description = "A tick using at least this fraction of the sequence is a burst near the cap (default ${DEFAULT-VALUE}).")
    double burstRatio;

    @Option(names = "--examples", defaultValue = "20", description = "Examples kept per finding (counts are exact; default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--sort-buffer", defaultValue = "" + Settings.DEFAULT_SORT_BUFFER_IDS,
            description = "IDs the duplicate check sorts in memory before writing a run to disk (default ${DEFAULT-VALUE}: 64 MiB).")
    int sortBuffer;

    @Option(names = "--temp-dir", description = "Where the duplicate check's sorted runs go (default: java.io.tmpdir).")
    Path tempDir;

    @Override
    public Integer call() throws IOException {
        BitLayout bitLayout = layout();
        Settings s = new Settings(format.equalsIgnoreCase("auto") ? null : IdFormat.named(format), gapMillis, regressionMillis,
                hotFactor, burstRatio, examples, sortBuffer,
                tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir")));
        if (jdbcUrl != null && (query == null || file != null)) {
            throw new InvalidRequestException("--jdbc reads the first column of --query: give --query SQL and no FILE");
        }
        if (query != null && jdbcUrl == null) {
            throw new InvalidRequestException("--query runs on a database: give --jdbc URL as well");
        }
        Report report;
        try (Analyzer a = new Analyzer(bitLayout, s)) {
            report = jdbcUrl != null ? fromQuery(a) : fromLines(a);
        } catch (SQLException e) {
            return sqlFailure(e);
        }
        print(report);
        return ExitCodes.OK;
    }

    private String source() {
        if (jdbcUrl != null) {
            return "query on " + jdbcUrl.replaceAll("password=[^&]*", "password=…");
        }
        return file == null || file.equals("-") ? "stdin" : file;
    }

    private Report fromQuery(Analyzer a) throws IOException, SQLException {
        JdbcSource.read(jdbcUrl, jdbcUser, System.getenv("IDMINT_JDBC_PASSWORD"), query, a);
        return a.finish(null);
    }

    private Report fromLines(Analyzer a) throws IOException {
        if (file == null || file.equals("-")) {
            a.read(new BufferedInputStream(System.in, 1 << 16));
            return a.finish(null);
        }
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new InvalidRequestException("cannot read the IDs: no readable file at " + p.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(p)) {
            a.read(in);
        }
        return a.finish(Files.isRegularFile(p) ? p : null); // a second pass names the duplicates' lines
    }

    /**
     * A database that cannot be reached (SQLSTATE class 08, or none: the driver's own connection errors) is worth a
     * retry (exit 1); a query the database refuses (syntax, a missing table or column, permissions) is invalid input
     * (exit 2). Neither is a bug of idmint's, so neither is logged as an incident.
     */
    private int sqlFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean connection = state.startsWith("08") || state.isEmpty();
        spec.commandLine().getErr().println("idmint: " + (connection ? "cannot reach the database " : "the query failed on ")
                + source() + ": " + e.getMessage() + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"));
        return connection ? ExitCodes.RETRY_LATER : ExitCodes.INVALID_INPUT;
    }

    private void print(Report report) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.json());
        } else {
            out.println("idmint analyze: " + source());
            out.print(report.text());
        }
        if (html != null) {
            Files.writeString(html, report.html("idmint analyze: " + source()), StandardCharsets.UTF_8);
            if (!json) {
                out.println();
                out.println("HTML report: " + html);
            }
        }
        out.flush();
    }

    private BitLayout layout() {
        if (generator != null && config == null) {
            throw new InvalidRequestException("--generator names a generator of --config: give --config FILE as well");
        }
        if (config != null && layout != null) {
            throw new InvalidRequestException("--layout and --config both name a layout: give one");
        }
        if (config == null) {
            return BitLayout.preset(layout == null ? "default" : layout);
        }
        GeneratorConfig g = Composition.select(IdmintConfig.load(config), generator);
        if (g.scheme() instanceof SchemeSettings.Snowflake || g.scheme() instanceof SchemeSettings.Hlc) {
            return g.generator().layout();
        }
        throw new InvalidRequestException("analyze reads IDs of a bit layout (schemes snowflake and hlc): generator " + g.name()
                + " has scheme " + g.scheme().name());
    }
}
