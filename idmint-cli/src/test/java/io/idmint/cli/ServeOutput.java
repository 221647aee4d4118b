package io.idmint.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a child {@code idmint serve}'s log until it says where it serves, then keeps draining it. */
final class ServeOutput {
    private static final Pattern SERVING = Pattern.compile("serving HTTP on 127\\.0\\.0\\.1:(\\d+) and gRPC on 127\\.0\\.0\\.1:(\\d+)");

    private ServeOutput() {}

    /** The HTTP and gRPC ports from the "serving" line of {@code log}; fails with everything read when serve exits first. */
    static int[] awaitPorts(BufferedReader log) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = log.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> log.lines().forEach(l -> { }), "serve-output");
                drain.setDaemon(true);
                drain.start();
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        throw new AssertionError("serve exited before serving:\n" + seen);
    }
}
