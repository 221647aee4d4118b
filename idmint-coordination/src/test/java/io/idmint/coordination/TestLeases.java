package io.idmint.coordination;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Short lease timings, so failure tests finish in seconds. */
final class TestLeases {
    static final Duration TTL = Duration.ofSeconds(2);
    static final Duration RECYCLE = Duration.ofSeconds(1);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private TestLeases() {}

    static LeaseSettings.Builder settings(String cluster, WorkerRange range) {
        return LeaseSettings.builder().cluster(cluster).range(range).leaseTtl(TTL).recycleDelay(RECYCLE)
                .safetyMargin(Duration.ofMillis(400)).operationTimeout(Duration.ofMillis(500)).acquireTimeout(Duration.ofSeconds(5));
    }

    /** A fresh cluster name, so tests sharing a server never see each other's worker IDs. */
    static String cluster(String test) {
        return test + "-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
    }
}
