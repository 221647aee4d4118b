package io.idmint.server.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.idmint.core.DecodedId;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.GenerateRequest;
import io.idmint.grpc.v1.GenerateResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.InspectRequest;
import io.idmint.grpc.v1.InspectResponse;
import io.idmint.grpc.v1.StreamBatchesRequest;
import io.idmint.server.IdService;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * The idmint.v1.IdService RPCs over {@link IdService}. Errors map through {@link GrpcErrors}; a failed
 * call sends only a status, never an ID. Each call is recorded with transport {@code grpc}.
 */
final class GrpcIdService extends IdServiceGrpc.IdServiceImplBase {
    static final String TRANSPORT = "grpc";

    /** ISO-8601 UTC with exactly three fraction digits; Instant.toString drops them when zero. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final IdService service;
    private final StreamEvents events;
    private volatile boolean shuttingDown;

    GrpcIdService(IdService service, StreamEvents events) {
        this.service = service;
        this.events = events;
    }

    /** From now on endless StreamBatches calls end with UNAVAILABLE at their next batch. */
    void beginShutdown() {
        shuttingDown = true;
    }

    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateResponse> out) {
        unary("Generate", out, () -> GenerateResponse.newBuilder().setId(service.nextId()).build());
    }

    @Override
    public void generateBatch(GenerateBatchRequest request, StreamObserver<GenerateBatchResponse> out) {
        unary("GenerateBatch", out, () -> {
            IdService.checkCount(request.getCount()); // before allocating: count may be huge or negative
            long[] ids = new long[request.getCount()];
            return batchResponse(ids, service.nextIds(ids, 0, ids.length));
        });
    }

    @Override
    public void streamBatches(StreamBatchesRequest request, StreamObserver<GenerateBatchResponse> out) {
        BatchStream.start(service, (ServerCallStreamObserver<GenerateBatchResponse>) out, request.getBatchSize(),
                request.getMaxBatches(), () -> shuttingDown, events);
    }

    @Override
    public void inspect(InspectRequest request, StreamObserver<InspectResponse> out) {
        unary("Inspect", out, () -> inspectResponse(service.decode(request.getId())));
    }

    static GenerateBatchResponse batchResponse(long[] ids, int maxSequence) {
        GenerateBatchResponse.Builder b = GenerateBatchResponse.newBuilder().setMaxSequence(maxSequence);
        for (long id : ids) {
            b.addIds(id); // primitive add: addAllIds would box every ID
        }
        return b.build();
    }

    private static InspectResponse inspectResponse(DecodedId d) {
        return InspectResponse.newBuilder().setId(d.id()).setTimestampMs(d.timestamp().toEpochMilli())
                .setTimestamp(ISO_MILLIS.format(d.timestamp())).setDatacenter(d.datacenter()).setWorker(d.worker())
                .setSequence(d.sequence()).setLayout(d.layout()).build();
    }

    /** Runs one unary call: the reply, or the mapped status; records the outcome before replying. */
    private <T> void unary(String method, StreamObserver<T> out, Supplier<T> call) {
        long start = System.nanoTime();
        Status status = Status.OK;
        T reply = null;
        try {
            reply = call.get();
        } catch (RuntimeException e) {
            status = GrpcErrors.toStatus(e);
        }
        // The context learns of a cancel or an expired deadline at once, from the transport thread. The
        // IDs generated for such a call are dropped: an ID is never reissued, so uniqueness is unharmed.
        Status.Code outcome = Context.current().isCancelled() ? Status.Code.CANCELLED : status.getCode();
        service.recordRequest(TRANSPORT, method, GrpcErrors.outcome(outcome), System.nanoTime() - start);
        if (outcome == Status.Code.CANCELLED) {
            return;
        }
        if (status.isOk()) {
            out.onNext(reply);
            out.onCompleted();
        } else {
            out.onError(status.asRuntimeException());
        }
    }
}
