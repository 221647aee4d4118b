package io.idmint.benchmarks.soak;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The second transport of the soak: unary {@code GenerateBatch} calls at a low constant rate on one
 * gRPC channel, so a leak or a stall that only the gRPC path has shows up too. Open loop like the HTTP
 * part: call {@code n} is due at {@code t0 + n / rate} and its latency runs from then. Every batch is
 * checked for its size and strictly increasing order, and its IDs join the uniqueness check.
 */
final class GrpcBatchLoad {
    private static final long DEADLINE_SECONDS = 10;
    /** How long the end of the run waits for calls still in flight. */
    private static final long DRAIN_SECONDS = DEADLINE_SECONDS + 5;

    private final int port;
    private final int batchCount;
    private final double callsPerSecond;
    private final Meters meters;
    private final LongList ids;
    private final GenerateBatchRequest request;
    /** One party for the run itself plus one per call in flight: the end waits for them without polling. */
    private final Phaser inFlight = new Phaser(1);
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grpc-pacer");
        t.setDaemon(true);
        return t;
    });
    private ManagedChannel channel;
    private IdServiceGrpc.IdServiceStub stub;
    private long t0Nanos;
    private long endNanos;
    /** Calls issued so far; only the pacer thread touches it (after start). */
    private long issued;

    GrpcBatchLoad(int port, int batchCount, double callsPerSecond, long durationNanos, Meters meters) {
        this.port = port;
        this.batchCount = batchCount;
        this.callsPerSecond = callsPerSecond;
        this.meters = meters;
        this.request = GenerateBatchRequest.newBuilder().setCount(batchCount).build();
        this.ids = new LongList((int) Math.min(Integer.MAX_VALUE - 16,
                (long) (durationNanos / 1e9 * callsPerSecond * batchCount) + batchCount));
    }

    String describe() {
        return String.format(Locale.ROOT, "gRPC GenerateBatch(count=%d) at %s calls/s on 127.0.0.1:%d", batchCount,
                Report.number(callsPerSecond), port);
    }

    /**
     * Builds the channel and asks it to connect now: building it costs tens of milliseconds of class
     * loading, which must not fall into the measured schedule.
     */
    void connect() {
        // directExecutor: the callbacks are short (check a batch of 100), and the Netty thread is enough
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        channel.getState(true);
        stub = IdServiceGrpc.newStub(channel);
    }

    void start(long startNanos, long durationNanos) {
        t0Nanos = startNanos;
        endNanos = startNanos + durationNanos;
        scheduleNext();
    }

    /**
     * Each call is scheduled for its own due time from t0, not at a fixed rate from whenever the timer
     * started: a late start would otherwise shift every call, and each latency would include the shift.
     */
    private void scheduleNext() {
        long intended = t0Nanos + (long) (issued * 1e9 / callsPerSecond);
        if (intended < endNanos) {
            pacer.schedule(() -> issue(intended), Math.max(0, intended - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void issue(long intendedNanos) {
        issued++;
        inFlight.register();
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).generateBatch(request, new Call(intendedNanos));
        scheduleNext();
    }

    /** Stops issuing, waits for the calls in flight and closes the channel; returns the IDs received. */
    List<LongList> stop() throws InterruptedException {
        pacer.shutdownNow(); // drops the next call's timer (only there when the run was cut short)
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        try {
            inFlight.awaitAdvanceInterruptibly(inFlight.arriveAndDeregister(), DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            meters.problem("gRPC calls still in flight " + DRAIN_SECONDS + " s after the end");
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        synchronized (ids) {
            return List.of(ids);
        }
    }

    /** One call's callbacks; gRPC calls them one at a time, on the channel's Netty thread. */
    private final class Call implements StreamObserver<GenerateBatchResponse> {
        private final long intendedNanos;
        private boolean badBatch;

        Call(long intendedNanos) {
            this.intendedNanos = intendedNanos;
        }

        @Override
        public void onNext(GenerateBatchResponse batch) {
            int n = batch.getIdsCount();
            boolean increasing = true;
            synchronized (ids) {
                for (int i = 0; i < n; i++) {
                    long id = batch.getIds(i);
                    increasing &= i == 0 || id > batch.getIds(i - 1);
                    ids.add(id);
                }
            }
            if (n != batchCount || !increasing) {
                badBatch = true;
                meters.problem(String.format(Locale.ROOT, "GenerateBatch(count=%d) answered %d IDs%s", batchCount, n,
                        increasing ? "" : ", not strictly increasing"));
            }
        }

        @Override
        public void onError(Throwable t) {
            meters.problem("GenerateBatch failed: " + Status.fromThrowable(t));
            ended(true);
        }

        @Override
        public void onCompleted() {
            meters.grpcLatencyMicros.recordValue(Meters.micros(System.nanoTime() - intendedNanos));
            ended(badBatch);
        }

        /** Counts the call before its error, as {@link Meters#counts} expects. */
        private void ended(boolean failed) {
            meters.grpcCalls.increment();
            if (failed) {
                meters.grpcErrors.increment();
            }
            inFlight.arriveAndDeregister();
        }
    }
}
