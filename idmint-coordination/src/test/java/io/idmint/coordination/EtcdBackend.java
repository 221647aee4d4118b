package io.idmint.coordination;

import io.idmint.testkit.Etcd;

/**
 * A real etcd server (Debian's etcd-server package, which bin/test installs) as a child process on free
 * loopback ports. Stopping it is kill -9; starting it again reuses the data directory, so keys and
 * leases survive as they would a crash.
 */
final class EtcdBackend implements Backend {
    private final Etcd etcd;

    private EtcdBackend(Etcd etcd) {
        this.etcd = etcd;
    }

    static EtcdBackend launch() throws Exception {
        return new EtcdBackend(Etcd.launch());
    }

    @Override
    public void start() throws Exception {
        etcd.start();
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public WorkerIdAllocator allocator(LeaseSettings settings) {
        return WorkerIdAllocator.etcd(address(), settings);
    }

    @Override
    public CoordinatedAllocator allocator(LeaseSettings settings, WriteReplay replay) {
        EtcdCoordinator c = EtcdCoordinator.connect(address(), settings);
        c.replay = replay;
        return new CoordinatedAllocator(c, settings);
    }

    @Override
    public String address() {
        return etcd.address();
    }

    @Override
    public void stop() throws InterruptedException {
        etcd.kill9();
    }

    @Override
    public void close() {
        etcd.close();
    }

    @Override
    public String toString() {
        return name();
    }
}
