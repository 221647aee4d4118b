package io.idmint.node;

import io.idmint.core.BitLayout;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Starts a node on the process's stdin and stdout, bypassing {@link System#out}'s synchronized,
 * line-flushing stream: replies are flushed when the input is drained.
 */
public final class NodeMain {
    private NodeMain() {}

    /** Runs {@code node} on this process's standard streams until stdin ends. */
    public static void serve(MaelstromNode node) throws IOException {
        try (FileInputStream in = new FileInputStream(FileDescriptor.in);
             FileOutputStream out = new FileOutputStream(FileDescriptor.out)) {
            node.run(in, out);
        }
    }

    /** {@code NodeMain [layout [datacenter]]}: what the test harness spawns; users run {@code idmint node}. */
    public static void main(String[] args) throws IOException {
        BitLayout layout = BitLayout.preset(args.length > 0 ? args[0] : "default");
        long datacenter = args.length > 1 ? Long.parseLong(args[1]) : 0;
        serve(MaelstromNode.withDefaults(layout, datacenter, new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                StandardCharsets.UTF_8)));
    }
}
