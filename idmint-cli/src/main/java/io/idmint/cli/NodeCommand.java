package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.coordination.Generators;
import io.idmint.node.MaelstromNode;
import io.idmint.node.NodeMain;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a Maelstrom-compatible node: JSON requests on stdin, one reply per line on stdout,"
                + " logs on stderr. The worker ID comes from the node ID init assigns (n3 -> worker 3), or from a"
                + " lease with --allocation zookeeper|etcd.",
                "Handles init, generate, generate_batch (count 1..100000), decompose and verify_ids; errors use"
                        + " Maelstrom's codes 10, 11, 12 and 13. Runs until stdin ends."})
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
        IdmintConfig.Builder b = allocation.applyFlags(options.applyFlags(options.builder(null)));
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        IdmintConfig cfg = testClock.apply(b.build(), log);
        MaelstromNode node = new MaelstromNode(cfg.layout(), cfg.datacenter(),
                id -> cfg.workers().leased() ? Generators.open(cfg) // the lease, not the node ID, names the worker
                        : cfg.toBuilder().datacenter(id.datacenter()).worker(id.worker()).build().openGenerator(), log);
        NodeMain.serve(node);
        return ExitCodes.OK;
    }
}
