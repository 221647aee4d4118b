package io.idmint.coordination;

import io.idmint.testkit.LoopbackZooKeeper;
import java.io.IOException;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in-process (Curator's TestingServer) on 127.0.0.1. A 200 ms tick lets sessions
 * of 0.4..4 s be negotiated.
 */
final class ZooKeeperBackend implements Backend {
    static final int TICK_MILLIS = 200;
    private final TestingServer server;

    private ZooKeeperBackend(TestingServer server) {
        this.server = server;
    }

    static ZooKeeperBackend launch() throws Exception {
        return new ZooKeeperBackend(LoopbackZooKeeper.start(TICK_MILLIS));
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
    public CoordinatedAllocator allocator(LeaseSettings settings, WriteReplay replay) {
        ZooKeeperCoordinator c = ZooKeeperCoordinator.connect(address(), settings);
        c.replay = replay;
        return new CoordinatedAllocator(c, settings);
    }

    @Override
    public String address() {
        return LoopbackZooKeeper.address(server);
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
        LoopbackZooKeeper.close(server);
    }

    @Override
    public String toString() {
        return name();
    }
}
