package io.idmint.cli;

import io.idmint.config.GeneratorConfig;
import io.idmint.core.BitLayout;
import io.idmint.postgres.BackfillProgress;
import io.idmint.postgres.CutoverScript;
import io.idmint.postgres.Migration;
import io.idmint.postgres.MigrationSpec;
import io.idmint.postgres.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Moves a PostgreSQL table from UUID or bigserial keys to idmint IDs, online, one step per subcommand. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Move a PostgreSQL table from UUID or bigserial keys to idmint IDs, online:"
                + " plan, add-column, backfill, verify, cutover (printed, never run).",
                "New rows take their ID from the function idmint sql installs; old rows get theirs from backfill, composed from"
                        + " --timestamp-column when given (so they keep their historical order) on a worker reserved for it."},
        subcommands = {MigrateCommand.Plan.class, MigrateCommand.AddColumn.class, MigrateCommand.Backfill.class,
                MigrateCommand.Verify.class, MigrateCommand.Cutover.class})
final class MigrateCommand {
    /** What every subcommand takes: where, which table, which columns, which layout. */
    static final class Target {
        @Mixin
        SqlCommand.Connection connection = new SqlCommand.Connection();

        @Option(names = "--table", required = true, description = "The table, optionally schema.table.")
        String table;

        @Option(names = "--timestamp-column", description = "timestamp[tz] column whose values the backfilled IDs carry.")
        String timestampColumn;

        @Option(names = "--column", defaultValue = "id_new", description = "The new BIGINT column (default ${DEFAULT-VALUE}).")
        String column;

        @Option(names = "--function", defaultValue = "idmint_next_id", description = "The function new rows take their ID"
                + " from (default ${DEFAULT-VALUE}).")
        String function;

        @Mixin
        SqlCommand.LayoutChoice layout = new SqlCommand.LayoutChoice();

        @Option(names = "--worker", description = "backfill: the worker reserved for it (not the function's, no process's).")
        Long worker;

        @Option(names = "--datacenter", description = "backfill: its datacenter (default 0, or the config's).")
        Long datacenter;

        @Option(names = "--batch-size", defaultValue = "10000", description = "backfill: rows per transaction (default ${DEFAULT-VALUE}).")
        int batchSize;

        Migration migration() {
            GeneratorConfig g = layout.generatorConfig();
            BitLayout chosen = layout.layout(g);
            long dc = datacenter != null ? datacenter : g != null ? g.generator().datacenter() : 0;
            if (worker != null) {
                layout.processWorkers(g, dc).requireOutside(worker, layout.maxWorker(g));
            }
            MigrationSpec spec = MigrationSpec.of(table, chosen).withColumn(column).withTimestampColumn(timestampColumn)
                    .withFunction(function).withWorker(dc, worker == null ? -1 : worker).withBatchSize(batchSize);
            return Migration.of(connection.database("migrate"), spec);
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the steps and their SQL, with the table's"
            + " row count, sizes, estimated times and the foreign keys that reference its key. Changes nothing.")
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(target.migration().plan());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "add-column", mixinStandardHelpOptions = true, description = "Add the BIGINT column, the mapping table"
            + " and the dual-write triggers (one short transaction), then build the unique index concurrently. Run again"
            + " after an interruption to finish.")
    static final class AddColumn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            target.migration().addColumn().forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true, description = {"Give every row without an ID its ID, in"
            + " batches; each batch and its progress commit together, so after a crash (even kill -9) run it again: it"
            + " resumes after the last batch, with no row given two IDs and none skipped.",
            "A second backfill of the same table is refused while one runs (exit 1). A progress bar on a terminal, lines otherwise."})
    static final class Backfill implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean terminal = System.console() != null;
            long done = target.migration().backfill(printer(out, terminal));
            if (terminal) {
                out.println(); // end the bar's line
            }
            out.println("backfill: " + String.format(java.util.Locale.ROOT, "%,d", done) + " rows given an ID by this run;"
                    + " next: idmint migrate verify");
            out.flush();
            return ExitCodes.OK;
        }

        /** On a terminal a bar redrawn in place; otherwise a line at most every 2 seconds, and the last one. */
        static Consumer<BackfillProgress> printer(PrintWriter out, boolean terminal) {
            long[] lastLine = {0};
            return p -> {
                if (terminal) {
                    out.print("\r" + p.bar(30));
                    out.flush();
                } else if (p.done() >= p.total() || p.elapsed().toMillis() - lastLine[0] >= 2000) {
                    lastLine[0] = p.elapsed().toMillis();
                    out.println("backfill: " + p.line());
                    out.flush();
                }
            };
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {"Check every row has a unique ID, the mapping"
            + " is complete and, with --timestamp-column, the backfilled rows keep its order.",
            "Exit 0 when all holds; 1 with each problem on stderr otherwise."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            VerifyReport report = target.migration().verify();
            PrintWriter out = spec.commandLine().getOut();
            report.facts().forEach(f -> out.println("verify: " + f));
            out.flush();
            report.problems().forEach(p -> spec.commandLine().getErr().println("idmint: verify: " + p));
            return report.ok() ? ExitCodes.OK : ExitCodes.RETRY_LATER;
        }
    }

    @Command(name = "cutover", mixinStandardHelpOptions = true, description = {"Print the SQL that switches the primary key"
            + " to the new column, for review: idmint never runs it.", "Exit 1 when verify finds problems (the script then"
            + " starts with DO NOT RUN YET)."})
    static final class Cutover implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            CutoverScript script = target.migration().cutover();
            PrintWriter out = spec.commandLine().getOut();
            out.print(script.sql());
            out.flush();
            if (!script.verify().ok()) {
                spec.commandLine().getErr().println("idmint: cutover: verify found problems; see the script's first lines");
                return ExitCodes.RETRY_LATER;
            }
            return ExitCodes.OK;
        }
    }
}
