package io.idmint.faults;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.StreamBatchesRequest;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * {@code StreamBatches} over gRPC: each request is one server stream of a few batches. A message may have
 * been generated any time after the stream began (flow control lets the server run ahead of the reader),
 * so each batch is recorded as issued between the stream's start and its arrival.
 */
final class GrpcStreamClient extends Client {
    private final ManagedChannel channel;
    private final IdServiceGrpc.IdServiceBlockingStub stub;
    private final StreamBatchesRequest streamRequest;

    GrpcStreamClient(String name, ServeMember m, double streamsPerSecond, int batchSize, int batches) {
        super(name, m.slot, streamsPerSecond);
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", m.grpcPort, InsecureChannelCredentials.create()).build();
        this.stub = IdServiceGrpc.newBlockingStub(channel);
        this.streamRequest = StreamBatchesRequest.newBuilder().setBatchSize(batchSize).setMaxBatches(batches).build();
    }

    @Override
    void request(long startNanos) throws Refused {
        try {
            Iterator<GenerateBatchResponse> it = stub.withDeadlineAfter(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .streamBatches(streamRequest);
            while (it.hasNext()) {
                GenerateBatchResponse batch = it.next();
                long[] ids = new long[batch.getIdsCount()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = batch.getIds(i);
                }
                recording.ids(member, startNanos, System.nanoTime(), ids);
            }
        } catch (StatusRuntimeException e) {
            if (refusedByServer(e)) {
                throw new Refused(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * UNAVAILABLE sent by the server ("retry later") arrives without a cause; the same code made up by the
     * client for a connection it could not make or lost carries the I/O exception as its cause.
     */
    static boolean refusedByServer(StatusRuntimeException e) {
        return e.getStatus().getCode() == Status.Code.UNAVAILABLE && e.getStatus().getCause() == null;
    }

    @Override
    void failedOnce() {
        channel.resetConnectBackoff(); // a restarted server is measured, not gRPC's reconnect backoff
    }

    @Override
    void stop() {
        super.stop();
        channel.shutdownNow();
    }
}
