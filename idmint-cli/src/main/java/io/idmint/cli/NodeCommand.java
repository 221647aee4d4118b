package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.core.BitLayout;
import io.idmint.node.MaelstromNode;
import io.idmint.node.NodeMain;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a Maelstrom-compatible node: JSON requests on stdin, one reply per line on stdout,"
                + " logs on stderr. The worker ID comes from the node ID init assigns (n3 -> worker 3).",
                "Handles init, generate, generate_batch (count 1..100000), decompose and verify_ids; errors use"
                        + " Maelstrom's codes 10, 11, 12 and 13. Runs until stdin ends."})
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--layout", description = "Preset layout (default: default).")
    String layout;

    @Option(names = "--datacenter", description = "Datacenter ID of this node (default 0).")
    Long datacenter;

    @Option(names = "--config", description = "YAML config file; the worker is still taken from the node ID.")
    Path config;

    @Option(names = "--state-dir", description = "Keep a high-water mark per worker here (default: none, as"
            + " harness-spawned nodes are ephemeral; set it when nodes restart on the same host).")
    Path stateDir;

    @Override
    public Integer call() throws IOException {
        IdmintConfig.Builder b = config == null ? IdmintConfig.builder().stateDir(null) : IdmintConfig.load(config).toBuilder();
        if (layout != null) {
            b.layout(BitLayout.preset(layout));
        }
        if (datacenter != null) {
            b.datacenter(datacenter);
        }
        if (stateDir != null) {
            b.stateDir(stateDir);
        }
        IdmintConfig cfg = b.build();
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        MaelstromNode node = new MaelstromNode(cfg.layout(), cfg.datacenter(),
                id -> cfg.toBuilder().datacenter(id.datacenter()).worker(id.worker()).build().openGenerator(), log);
        NodeMain.serve(node);
        return ExitCodes.OK;
    }
}
