package io.idmint.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "idmint", mixinStandardHelpOptions = true, version = "idmint 0.1.0",
        description = "Unique, k-sorted 64-bit IDs.",
        subcommands = {GenerateCommand.class, InspectCommand.class, LayoutsCommand.class, ValidateConfigCommand.class,
                PlanCommand.class, NodeCommand.class, ServeCommand.class, SetLayoutCommand.class, SegmentCommand.class,
                SqlCommand.class, MigrateCommand.class,
                AnalyzeCommand.class,
                HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  could not be done now, retry later (clock behind issued IDs, no lease)",
                "  2  invalid input (usage, an invalid ID, an invalid config file)",
                "  3  never possible as asked (the layout has ended, a plan does not fit)",
                "  4  an internal error (a bug): quote the incident ID printed"})
final class IdmintCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
