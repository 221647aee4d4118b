package io.idmint.coordination;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in-process (Curator's TestingServer). It listens on every interface unless
 * told otherwise: the spec binds it to 127.0.0.1. A 200 ms tick lets sessions of 0.4..4 s be negotiated.
 */
final class ZooKeeperBackend implements Backend {
    static final int TICK_MILLIS = 200;
    private final TestingServer server;

    private ZooKeeperBackend(TestingServer server) {
        this.server = server;
    }

    static ZooKeeperBackend launch() throws Exception {
        InstanceSpec spec = new InstanceSpec(Files.createTempDirectory("idmint-zk").toFile(), InstanceSpec.getRandomPort(), -1, -1,
                true, 1, TICK_MILLIS, 500, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
        return new ZooKeeperBackend(new TestingServer(spec, true));
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public WorkerIdAllocator allocator(LeaseSettings settings) {
        return WorkerIdAllocator.zookeeper(address(), settings);
    }

    @Override
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void stop() throws IOException {
        server.stop();
    }

    @Override
    public void start() throws Exception {
        server.restart();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
