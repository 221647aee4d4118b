package io.idmint.coordination;

/** A real coordinator server for tests, started on 127.0.0.1, that a test can stop and start again. */
interface Backend extends AutoCloseable {
    String name();

    WorkerIdAllocator allocator(LeaseSettings settings);

    /** An allocator whose coordinator sends committed writes again when {@code replay} says so: a lost answer. */
    CoordinatedAllocator allocator(LeaseSettings settings, WriteReplay replay);

    /** The connect string or endpoint list a child process passes to {@link WorkerIdAllocator}. */
    String address();

    void stop() throws Exception;

    /** Starts again on the same port with the same data. */
    void start() throws Exception;

    @Override
    void close();

    static Backend launch(String name) throws Exception {
        return switch (name) {
            case "zookeeper" -> ZooKeeperBackend.launch();
            case "etcd" -> EtcdBackend.launch();
            default -> throw new IllegalArgumentException("backend must be zookeeper or etcd: " + name);
        };
    }
}
