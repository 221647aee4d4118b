package io.idmint.coordination;

import java.util.LinkedHashMap;
import java.util.Map;

/** Both real coordinators, started once per test class on 127.0.0.1. */
final class Servers implements AutoCloseable {
    private final Map<String, Backend> backends = new LinkedHashMap<>();

    static Servers start() throws Exception {
        Servers s = new Servers();
        try {
            s.backends.put("zookeeper", Backend.launch("zookeeper"));
            s.backends.put("etcd", Backend.launch("etcd"));
            return s;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    Backend get(String name) {
        return backends.get(name);
    }

    @Override
    public void close() {
        for (Backend b : backends.values()) {
            b.close();
        }
    }
}
