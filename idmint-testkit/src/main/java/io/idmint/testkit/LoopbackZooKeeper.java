package io.idmint.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in-process (Curator's TestingServer) bound to 127.0.0.1: it listens on every
 * interface unless told otherwise. Callers need {@code org.apache.curator:curator-test} on their classpath.
 */
public final class LoopbackZooKeeper {
    private LoopbackZooKeeper() {}

    /**
     * A started server with a tick of {@code tickMillis}: ZooKeeper negotiates sessions of 2..20 ticks, so
     * a short tick lets tests use short sessions.
     */
    public static TestingServer start(int tickMillis) throws Exception {
        InstanceSpec spec = new InstanceSpec(Files.createTempDirectory("idmint-zk").toFile(), InstanceSpec.getRandomPort(),
                -1, -1, true, 1, tickMillis, 500, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
        return new TestingServer(spec, true);
    }

    /** The connect string of {@code server}, e.g. {@code 127.0.0.1:2181}. */
    public static String address(TestingServer server) {
        return "127.0.0.1:" + server.getPort();
    }

    /** Closes quietly-enough for a test's cleanup: an I/O error on close becomes unchecked. */
    public static void close(TestingServer server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
