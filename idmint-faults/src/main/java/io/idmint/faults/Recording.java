package io.idmint.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one client saw: each request (for availability) and each batch of IDs it received (for the
 * uniqueness and order checks). A client thread writes it; a node's reply reader adds IDs that arrived
 * after the client gave up on them ("late"), which still count for uniqueness: nothing issued is ignored.
 */
final class Recording {
    /**
     * One request: when it started and ended on this JVM's monotonic clock, whether it was answered, and, if not,
     * whether the server itself refused it with "retry later" (HTTP 503, gRPC UNAVAILABLE sent by the server)
     * rather than not answering (a timeout, a refused connection).
     */
    record Request(int member, long startNanos, long endNanos, boolean ok, String error, boolean refused) {}

    /**
     * IDs received in one reply (or one stream message), issued by {@code member} some time in
     * [{@code startNanos}, {@code endNanos}]. Late batches carry no time bounds usable for order checks.
     */
    record Batch(String client, int member, long startNanos, long endNanos, long[] ids, boolean late) {}

    final String client;
    private final List<Request> requests = new ArrayList<>();
    private final List<Batch> batches = new ArrayList<>();
    private volatile boolean answeredOnce;
    private volatile long lastAnsweredStartNanos;

    Recording(String client) {
        this.client = client;
    }

    synchronized void answered(int member, long startNanos, long endNanos) {
        requests.add(new Request(member, startNanos, endNanos, true, null, false));
        lastAnsweredStartNanos = startNanos;
        answeredOnce = true;
    }

    /** Whether a request begun at or after {@code sinceNanos} was answered (read live by the nemesis). */
    boolean answeredSince(long sinceNanos) {
        return answeredOnce && lastAnsweredStartNanos - sinceNanos >= 0;
    }

    synchronized void failed(int member, long startNanos, long endNanos, String error) {
        requests.add(new Request(member, startNanos, endNanos, false, error, false));
    }

    /** The server answered "retry later" (HTTP 503, gRPC UNAVAILABLE from the server): failed, but answered in time. */
    synchronized void refused(int member, long startNanos, long endNanos, String error) {
        requests.add(new Request(member, startNanos, endNanos, false, error, true));
    }

    synchronized void ids(int member, long startNanos, long endNanos, long[] ids) {
        batches.add(new Batch(client, member, startNanos, endNanos, ids, false));
    }

    synchronized void lateIds(int member, long[] ids) {
        batches.add(new Batch(client, member, 0, 0, ids, true));
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }
}
