package io.idmint.cli;

import io.idmint.composition.Composition;
import io.idmint.composition.Leasing;
import io.idmint.config.ClockSettings;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.Workers;
import io.idmint.coordination.ClusterAdmin;
import io.idmint.coordination.WorkerRange;
import io.idmint.core.Field;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.TimeSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "set-layout", mixinStandardHelpOptions = true,
        description = {"Record a new layout for a cluster's generator and region in its coordinator.",
                "Every leased process checks its layout against the recorded one at start and refuses to run on"
                        + " another, since two layouts in one fleet compose colliding IDs. This command changes the"
                        + " record, and is refused while any process holds a worker lease there: stop the fleet first.",
                "IDs of the old and the new layout are not comparable: if both will share a column, use a new"
                        + " cluster name instead."})
final class SetLayoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options;

    @Mixin
    WorkerAllocationOptions allocation;

    @Option(names = "--generator", description = "Which generator of --config (default: the top level's).")
    String generator;

    @Override
    public Integer call() {
        GeneratorConfig g = allocation.applyFlags(options.applyFlags(Composition.select(options.load(null), generator)));
        Workers w = g.workers();
        if (!w.leased()) {
            throw new InvalidRequestException("set-layout records the layout in a coordinator: give --allocation zookeeper,"
                    + " etcd or hybrid with its address (or a --config whose workers section does): allocation=static");
        }
        g.validate(options.source());
        String address = w.coordinator().equals("zookeeper") ? w.zookeeper() : w.etcd();
        WorkerRange all = new WorkerRange(0, (int) g.generator().layout().maxValue(Field.WORKER));
        String before = ClusterAdmin.setLayout(w.coordinator(), address, Leasing.leaseSettings(g, TimeSource.system(), all,
                ClockSettings.DEFAULT));
        PrintWriter out = spec.commandLine().getOut();
        out.println("cluster " + w.cluster() + ", generator " + g.name() + ", region " + w.region() + ": layout now "
                + g.generator().layout().name() + " (" + g.generator().layout().fingerprint() + "); recorded before: " + before);
        out.flush();
        return ExitCodes.OK;
    }
}
