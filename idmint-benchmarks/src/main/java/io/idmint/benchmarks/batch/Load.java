package io.idmint.benchmarks.batch;

import java.util.List;

/** One load scenario against a running server: workers that fetch batches until stopped. */
interface Load {
    /** What is measured, e.g. "gRPC StreamBatches batch_size=10000, 2 streams". */
    String describe();

    /** Opens the connections and starts every worker. */
    void start() throws Exception;

    /** One tally per worker; their counters grow while the load runs. */
    List<Tally> tallies();

    /** Stops every worker and waits until none writes its tally any more. */
    void stop() throws Exception;

    /** The first transport error a worker hit while it was meant to run, or null. */
    String error();
}
