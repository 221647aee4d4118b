package io.idmint.cli;

import io.idmint.composition.Composition;
import io.idmint.config.AllocationKind;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.Workers;
import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.InvalidRequestException;
import io.idmint.postgres.Database;
import io.idmint.postgres.IdFunction;
import io.idmint.postgres.ProcessWorkers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Print (or with --apply install) a PostgreSQL function that issues a layout's IDs for one worker,"
                + " e.g. as a column DEFAULT: the same bits an idmint process composes, so inspect decodes both.",
                "Its worker is reserved by range: give it one no process uses, outside every leased workers.range (with"
                        + " --config, a worker inside the config's ranges is refused). One function per worker and database.",
                "Password: $PGPASSWORD. State: the sequence <function>_state; callers need USAGE, SELECT, UPDATE on it."})
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LayoutChoice layout = new LayoutChoice();

    @Option(names = "--worker", required = true, description = "The worker the function issues on (reserved for it).")
    long worker;

    @Option(names = "--datacenter", description = "Datacenter (default 0, or the config's).")
    Long datacenter;

    @Option(names = "--function", defaultValue = "idmint_next_id", description = "Its name, optionally schema.name"
            + " (default ${DEFAULT-VALUE}).")
    String function;

    @Option(names = "--max-wait-ms", defaultValue = "1000", description = "How long a call waits for the clock when a tick's"
            + " sequence is used up or the clock stepped back (default ${DEFAULT-VALUE}); then it fails, SQLSTATE IDM01.")
    long maxWaitMillis;

    @Option(names = "--apply", description = "Install it (idempotent; refuses another layout or worker under the same name).")
    boolean apply;

    @Mixin
    Connection connection = new Connection();

    @Override
    public Integer call() {
        GeneratorConfig g = layout.generatorConfig();
        BitLayout chosen = layout.layout(g);
        long dc = datacenter != null ? datacenter : g != null ? g.generator().datacenter() : 0;
        IdFunction f = IdFunction.builder(chosen).worker(worker).datacenter(dc).name(function)
                .maxWait(Duration.ofMillis(maxWaitMillis)).outside(layout.processWorkers(g, dc)).build();
        PrintWriter out = spec.commandLine().getOut();
        if (!apply) {
            out.print(f.sql());
        } else {
            Database db = connection.database("--apply");
            f.install(db);
            out.println("installed " + f + " on " + db.location() + "; state in " + f.stateSequence());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Which layout: a preset, or a config's generator (whose worker ranges then bound the database's worker). */
    static final class LayoutChoice {
        @Option(names = "--layout", description = "Preset layout (default: default).")
        String layout;

        @Option(names = "--config", description = "Take the layout (and the workers processes use) from this YAML config.")
        Path config;

        @Option(names = "--generator", description = "Which generator of --config (default: the top level's).")
        String generator;

        GeneratorConfig generatorConfig() {
            if (layout != null && config != null) {
                throw new InvalidRequestException("give --layout or --config, not both: layout=" + layout + " config=" + config);
            }
            if (config == null) {
                if (generator != null) {
                    throw new InvalidRequestException("--generator names a generator of --config: give --config FILE as well");
                }
                return null;
            }
            GeneratorConfig g = Composition.select(IdmintConfig.load(config), generator);
            String scheme = g.scheme().name();
            if (!scheme.equals("snowflake") && !scheme.equals("hlc")) {
                throw new InvalidRequestException("generator " + g.name() + " of " + config + " is scheme " + scheme
                        + ": PostgreSQL functions and migrations issue a layout's 64-bit IDs (scheme snowflake or hlc)");
            }
            return g;
        }

        BitLayout layout(GeneratorConfig g) {
            return g != null ? g.generator().layout() : BitLayout.preset(layout == null ? "default" : layout);
        }

        /** The workers the config's processes take in datacenter {@code dc}: its leased and static ranges, or its static worker. */
        ProcessWorkers processWorkers(GeneratorConfig g, long dc) {
            ProcessWorkers p = new ProcessWorkers();
            if (g == null || g.generator().datacenter() != dc) {
                return p;
            }
            Workers w = g.workers();
            String of = " of " + config + (generator == null ? "" : " (generator " + generator + ")");
            if (w.leased()) {
                p.add(w.rangeFirst(), w.rangeLast(g.generator().layout()), "workers.range" + of);
                if (w.allocation() == AllocationKind.HYBRID && w.staticLast() >= 0) {
                    p.add(w.staticFirst(), w.staticLast(), "workers.staticRange" + of);
                }
            } else if (g.generator().workerGiven()) {
                p.add(g.generator().worker(), g.generator().worker(), "generator.worker" + of);
            }
            return p;
        }

        long maxWorker(GeneratorConfig g) {
            return layout(g).maxValue(Field.WORKER);
        }
    }

    /** Where PostgreSQL is: a JDBC URL and a user; the password from $PGPASSWORD. */
    static final class Connection {
        @Option(names = "--jdbc", paramLabel = "URL", description = "e.g. jdbc:postgresql://127.0.0.1:5432/app")
        String jdbc;

        @Option(names = "--user", description = "Database user (default: $PGUSER, else your login name).")
        String user;

        Database database(String neededFor) {
            if (jdbc == null) {
                throw new InvalidRequestException(neededFor + " needs --jdbc URL (e.g. jdbc:postgresql://127.0.0.1:5432/app)");
            }
            String u = user != null ? user : System.getenv().getOrDefault("PGUSER", System.getProperty("user.name"));
            return Database.of(jdbc, u, System.getenv("PGPASSWORD"));
        }
    }
}
