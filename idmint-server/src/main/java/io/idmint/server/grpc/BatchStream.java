package io.idmint.server.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.idmint.core.FailureKind;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.StreamBatchesRequest;
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
    private final NamedGenerator generator;
    private final ServerCallStreamObserver<GenerateBatchResponse> out;
    private final BatchSize batchSize;
    private final long maxBatches;
    private final BooleanSupplier shuttingDown;
    private final StreamEvents events;
    private final long startNanos = System.nanoTime();
    private final long[] ids;
    private long sent;
    private boolean done;

    private BatchStream(IdService service, NamedGenerator generator, ServerCallStreamObserver<GenerateBatchResponse> out,
                        BatchSize batchSize, long maxBatches, BooleanSupplier shuttingDown, StreamEvents events) {
        this.service = service;
        this.generator = generator;
        this.out = out;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        this.shuttingDown = shuttingDown;
        this.events = events;
        this.ids = new long[batchSize.value() * generator.codec().words()];
    }

    /** Validates the request and starts the stream; the first batch goes out on gRPC's first onReady. */
    static void start(IdService service, StreamBatchesRequest request, ServerCallStreamObserver<GenerateBatchResponse> out,
                      BooleanSupplier shuttingDown, StreamEvents events) {
        NamedGenerator generator;
        BatchSize batchSize;
        try {
            generator = service.generator(request.getGenerator());
            batchSize = BatchSize.of("batch_size", request.getBatchSize());
            if (request.getMaxBatches() < 0) {
                throw new InvalidRequestException("max_batches must be >= 0 (0 = until cancelled): max_batches="
                        + request.getMaxBatches());
            }
        } catch (RuntimeException e) {
            GrpcErrors.Failure f = GrpcErrors.toFailure(e);
            service.recordRequest(GrpcIdService.TRANSPORT, METHOD, IdService.UNKNOWN_GENERATOR, f.outcome(), 0);
            events.ended(0, f.status().getCode());
            out.onError(f.status().asRuntimeException());
            return;
        }
        BatchStream stream = new BatchStream(service, generator, out, batchSize, request.getMaxBatches(), shuttingDown, events);
        out.setOnCancelHandler(stream::cancelled);
        out.setOnReadyHandler(stream);
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
            finish(Status.UNAVAILABLE.withDescription("server shutting down: reconnect to another node"),
                    IdService.outcome(FailureKind.RETRY_LATER));
            return;
        }
        GenerateBatchResponse batch;
        try {
            batch = GrpcIdService.batchResponse(generator, ids, service.issue(generator, ids, 0, batchSize));
        } catch (RuntimeException e) {
            GrpcErrors.Failure f = GrpcErrors.toFailure(e);
            finish(f.status(), f.outcome());
            return;
        }
        out.onNext(batch);
        sent++;
        events.batchSent(sent);
        if (sent == maxBatches) {
            finish(Status.OK, IdService.OK);
        }
    }

    private void finish(Status status, String outcome) {
        done = true;
        service.recordRequest(GrpcIdService.TRANSPORT, METHOD, generator.name(), outcome, System.nanoTime() - startNanos);
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
        service.recordRequest(GrpcIdService.TRANSPORT, METHOD, generator.name(), "cancelled", System.nanoTime() - startNanos);
        events.ended(sent, Status.Code.CANCELLED);
    }
}
