package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.core.TimeSource;
import io.idmint.node.MaelstromNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a Maelstrom-compatible node: JSON requests on stdin, one reply per line on stdout,"
                + " logs on stderr. The worker ID comes from the node ID init assigns (n3 -> worker 3), or from a"
                + " lease with --allocation zookeeper|etcd.",
                "Handles init, generate, generate_batch (count 1..100000), decompose and verify_ids, each optionally"
                        + " naming a generator of --config; errors use Maelstrom's codes 10, 11, 12, 13 and 14."
                        + " Runs until stdin ends."})
final class NodeCommand implements Callable<Integer> {
    @Mixin
    GeneratorOptions options;

    @Mixin
    WorkerAllocationOptions allocation;

    @Mixin
    TestClockOffset.Flag testClock;

    @Override
    public Integer call() throws IOException {
        // Harness-spawned nodes are ephemeral: no high-water mark unless a state directory is given.
        IdmintConfig cfg = allocation.applyFlags(options.applyFlags(options.load(null))).validate(options.source());
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        UnaryOperator<TimeSource> clock = testClock.clock(log);
        new MaelstromNode(id -> Composition.openForNode(cfg, clock, id.nodeId(), id.number()), log).runOnStandardStreams();
        return ExitCodes.OK;
    }
}
