package io.idmint.postgres;

import io.idmint.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker IDs processes of the cluster take (a config's leased {@code workers.range}, a hybrid
 * {@code staticRange}, a static {@code generator.worker}): a worker for the database function or for a
 * backfill is reserved by range, outside all of them, since neither can take part in a lease.
 */
public final class ProcessWorkers {
    private final List<long[]> ranges = new ArrayList<>();
    private final List<String> owners = new ArrayList<>();

    /** {@code first..last} belong to processes; {@code owner} names where, e.g. {@code workers.range of idmint.yaml}. */
    public ProcessWorkers add(long first, long last, String owner) {
        ranges.add(new long[] {first, last});
        owners.add(owner);
        return this;
    }

    /**
     * @param maxWorker the layout's largest worker, for the suggestion
     * @throws InvalidRequestException naming the worker, the range and its owner, and a worker outside every range
     */
    public void requireOutside(long worker, long maxWorker) {
        for (int i = 0; i < ranges.size(); i++) {
            long[] r = ranges.get(i);
            if (worker >= r[0] && worker <= r[1]) {
                throw new InvalidRequestException("worker " + worker + " lies inside " + owners.get(i) + " " + r[0] + ".." + r[1]
                        + ", which processes take their worker IDs from: give the database a worker outside it (reserve it"
                        + " by range, e.g. " + suggestion(maxWorker) + ")");
            }
        }
    }

    /** The highest worker outside every range, counting down from the layout's largest. */
    private String suggestion(long maxWorker) {
        long candidate = maxWorker;
        boolean moved = true;
        while (moved && candidate >= 0) {
            moved = false;
            for (long[] r : ranges) {
                if (candidate >= r[0] && candidate <= r[1]) {
                    candidate = r[0] - 1;
                    moved = true;
                }
            }
        }
        return candidate < 0 ? "a layout with more worker bits" : "worker " + candidate;
    }
}
