package io.idmint.server.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.server.IdService;
import java.util.function.BooleanSupplier;

/**
 * One StreamBatches call. Generates a batch only while the transport is ready, so a slow client never
 * makes the server buffer more than the HTTP/2 window plus gRPC's on-ready threshold (32 KiB) plus one
 * batch: when {@code isReady()} turns false the loop returns and gRPC calls {@link #run()} again once
 * the client has read enough. Every method runs on the call's serialised executor, so no locking.
 */
final class BatchStream implements Runnable {
    static final String METHOD = "StreamBatches";

    private final IdService service;
    private final ServerCallStreamObserver<GenerateBatchResponse> out;
    private final int batchSize;
    private final long maxBatches;
    private final BooleanSupplier shuttingDown;
    private final StreamEvents events;
    private final long startNanos = System.nanoTime();
    private final long[] ids;
    private long sent;
    private boolean done;

    private BatchStream(IdService service, ServerCallStreamObserver<GenerateBatchResponse> out, int batchSize,
                        long maxBatches, BooleanSupplier shuttingDown, StreamEvents events) {
        this.service = service;
        this.out = out;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        this.shuttingDown = shuttingDown;
        this.events = events;
        this.ids = new long[batchSize];
    }

    /** Validates the request and starts the stream; the first batch goes out on gRPC's first onReady. */
    static void start(IdService service, ServerCallStreamObserver<GenerateBatchResponse> out, int batchSize,
                      long maxBatches, BooleanSupplier shuttingDown, StreamEvents events) {
        String problem = problem(batchSize, maxBatches);
        if (problem != null) {
            service.recordRequest(GrpcIdService.TRANSPORT, METHOD, GrpcErrors.outcome(Status.Code.INVALID_ARGUMENT), 0);
            events.ended(0, Status.Code.INVALID_ARGUMENT);
            out.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        BatchStream stream = new BatchStream(service, out, batchSize, maxBatches, shuttingDown, events);
        out.setOnCancelHandler(stream::cancelled);
        out.setOnReadyHandler(stream);
    }

    private static String problem(int batchSize, long maxBatches) {
        if (batchSize < 1 || batchSize > IdService.MAX_BATCH) {
            return "batch_size must be 1.." + IdService.MAX_BATCH + ": batch_size=" + batchSize;
        }
        if (maxBatches < 0) {
            return "max_batches must be >= 0 (0 = until cancelled): max_batches=" + maxBatches;
        }
        return null;
    }

    /** onReady: send while the transport takes more, then wait for the next onReady. */
    @Override
    public void run() {
        while (!done && out.isReady()) {
            sendOne();
        }
        if (!done) {
            events.paused(sent);
        }
    }

    private void sendOne() {
        if (maxBatches == 0 && shuttingDown.getAsBoolean()) {
            // Only endless streams are cut at shutdown; bounded ones finish within the grace period.
            finish(Status.UNAVAILABLE.withDescription("server shutting down: reconnect to another node"));
            return;
        }
        GenerateBatchResponse batch;
        try {
            batch = GrpcIdService.batchResponse(ids, service.nextIds(ids, 0, batchSize));
        } catch (RuntimeException e) {
            finish(GrpcErrors.toStatus(e));
            return;
        }
        out.onNext(batch);
        sent++;
        events.batchSent(sent);
        if (sent == maxBatches) {
            finish(Status.OK);
        }
    }

    private void finish(Status status) {
        done = true;
        service.recordRequest(GrpcIdService.TRANSPORT, METHOD, GrpcErrors.outcome(status.getCode()),
                System.nanoTime() - startNanos);
        events.ended(sent, status.getCode());
        if (status.isOk()) {
            out.onCompleted();
        } else {
            out.onError(status.asRuntimeException());
        }
    }

    private void cancelled() {
        if (done) {
            return;
        }
        done = true;
        service.recordRequest(GrpcIdService.TRANSPORT, METHOD, GrpcErrors.outcome(Status.Code.CANCELLED),
                System.nanoTime() - startNanos);
        events.ended(sent, Status.Code.CANCELLED);
    }
}
