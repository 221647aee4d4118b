package io.idmint.server.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.GenerateRequest;
import io.idmint.grpc.v1.GenerateResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.InspectRequest;
import io.idmint.grpc.v1.InspectResponse;
import io.idmint.grpc.v1.StreamBatchesRequest;
import io.idmint.server.IdService;
import java.util.Map;
import java.util.function.Function;

/**
 * The idmint.v1.IdService RPCs over {@link IdService}. Errors map through {@link GrpcErrors}; a failed
 * call sends only a status, never an ID. Each call is recorded with transport {@code grpc}. Calls run on
 * gRPC's application executor, not on its transport threads, so issuing may wait here.
 */
final class GrpcIdService extends IdServiceGrpc.IdServiceImplBase {
    static final String TRANSPORT = "grpc";

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
        unary("Generate", request.getGenerator(), out, g -> {
            observe(g, request.getAfter());
            long[] id = new long[g.codec().words()];
            service.issue(g, id, 0, BatchSize.ONE);
            GenerateResponse.Builder b = GenerateResponse.newBuilder();
            return (id.length == 1 ? b.setId(id[0]) : b.setText(g.codec().text(id, 0))).build();
        });
    }

    @Override
    public void generateBatch(GenerateBatchRequest request, StreamObserver<GenerateBatchResponse> out) {
        unary("GenerateBatch", request.getGenerator(), out, g -> {
            BatchSize count = BatchSize.of(request.getCount()); // before allocating: count may be huge or negative
            observe(g, request.getAfter());
            long[] ids = new long[count.value() * g.codec().words()];
            return batchResponse(g, ids, service.issue(g, ids, 0, count));
        });
    }

    @Override
    public void streamBatches(StreamBatchesRequest request, StreamObserver<GenerateBatchResponse> out) {
        BatchStream.start(service, request, (ServerCallStreamObserver<GenerateBatchResponse>) out, () -> shuttingDown, events);
    }

    @Override
    public void inspect(InspectRequest request, StreamObserver<InspectResponse> out) {
        unary("Inspect", request.getGenerator(), out, g -> inspectResponse(g,
                request.getText().isEmpty() ? new long[] {request.getId()} : g.codec().parse(request.getText())));
    }

    /** The hybrid logical clock's merge, when the request names an ID to follow. */
    private static void observe(NamedGenerator g, String after) {
        if (!after.isEmpty()) {
            g.observe(g.codec().parse(after));
        }
    }

    static GenerateBatchResponse batchResponse(NamedGenerator g, long[] ids, int maxSequence) {
        GenerateBatchResponse.Builder b = GenerateBatchResponse.newBuilder().setMaxSequence(maxSequence);
        if (g.codec().words() == 1) {
            for (long id : ids) {
                b.addIds(id); // primitive add: addAllIds would box every ID
            }
        } else {
            for (int i = 0; i < ids.length / 2; i++) {
                b.addTexts(g.codec().text(ids, i));
            }
        }
        return b.build();
    }

    /** The typed fields for a 64-bit layout's ID; the field map and text for every scheme. */
    private static InspectResponse inspectResponse(NamedGenerator g, long[] id) {
        Map<String, Object> fields = g.codec().describe(id);
        InspectResponse.Builder b = InspectResponse.newBuilder().setGenerator(g.name()).setScheme(g.scheme())
                .setText(g.codec().text(id, 0));
        fields.forEach((k, v) -> b.putFields(k, String.valueOf(v)));
        if (g.layout().isPresent()) {
            DecodedId d = g.layout().get().decode(id[0]);
            b.setId(d.id()).setTimestampMs(d.timestamp().toEpochMilli()).setTimestamp(d.isoTimestamp())
                    .setDatacenter(d.datacenter()).setWorker(d.worker()).setSequence(d.sequence()).setLayout(d.layout())
                    .setBase32(IdFormat.BASE32.format(d.id())).setHex(IdFormat.HEX.format(d.id()));
        } else if (id.length == 1) {
            b.setId(id[0]).setBase32(IdFormat.BASE32.format(id[0])).setHex(IdFormat.HEX.format(id[0]));
        }
        return b.build();
    }

    /** Runs one unary call: the reply, or the mapped status; records the outcome before replying. */
    private <T> void unary(String method, String generatorName, StreamObserver<T> out, Function<NamedGenerator, T> call) {
        long start = System.nanoTime();
        String generator = IdService.UNKNOWN_GENERATOR;
        Status status = Status.OK;
        String outcome = IdService.OK;
        T reply = null;
        try {
            NamedGenerator g = service.generator(generatorName);
            generator = g.name();
            reply = call.apply(g);
        } catch (RuntimeException e) {
            GrpcErrors.Failure f = GrpcErrors.toFailure(e);
            status = f.status();
            outcome = f.outcome();
        }
        // The context learns of a cancel or an expired deadline at once, from the transport thread. The
        // IDs generated for such a call are dropped: an ID is never reissued, so uniqueness is unharmed.
        boolean cancelled = Context.current().isCancelled();
        service.recordRequest(TRANSPORT, method, generator, cancelled ? "cancelled" : outcome, System.nanoTime() - start);
        if (cancelled) {
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
