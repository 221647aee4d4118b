package io.idmint.benchmarks.batch;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.StreamBatchesRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Endless {@code StreamBatches} calls (max_batches = 0), one per channel, so every stream has its own
 * HTTP/2 connection and flow-control window. The stub's automatic inbound flow control asks for the next
 * message once {@code onNext} returns, so the server only runs as far ahead as the window lets it. Each
 * batch is parsed by protobuf; the IDs counted are {@code ids_count} of the repeated field, after every ID
 * was read for the increasing-order check.
 */
final class GrpcStreamLoad implements Load {
    private final int port;
    private final int batchSize;
    private final int streams;
    private final int windowBytes;
    private final List<Tally> tallies = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Stream> calls = new ArrayList<>();
    private volatile boolean stopping;
    private volatile String error;

    GrpcStreamLoad(int port, int batchSize, int streams, int windowBytes) {
        this.port = port;
        this.batchSize = batchSize;
        this.streams = streams;
        this.windowBytes = windowBytes;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "gRPC StreamBatches batch_size=%d, %d stream%s", batchSize, streams,
                streams == 1 ? "" : "s");
    }

    @Override
    public void start() {
        StreamBatchesRequest request = StreamBatchesRequest.newBuilder().setBatchSize(batchSize).setMaxBatches(0).build();
        for (int i = 0; i < streams; i++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                    .flowControlWindow(windowBytes) // a fixed window: no BDP auto-tuning mid-measurement
                    .maxInboundMessageSize(16 * 1024 * 1024) // 100,000 IDs are ~0.9 MB on the wire
                    .build();
            channels.add(channel);
            Tally tally = new Tally();
            tallies.add(tally);
            Stream call = new Stream(tally);
            calls.add(call);
            IdServiceGrpc.newStub(channel).streamBatches(request, call);
        }
    }

    @Override
    public List<Tally> tallies() {
        return tallies;
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        for (Stream call : calls) {
            call.cancel();
        }
        for (Stream call : calls) {
            if (!call.ended.await(10, TimeUnit.SECONDS)) {
                fail("a stream did not end within 10 s of its cancel");
            }
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String error() {
        return error;
    }

    private void fail(String message) {
        if (error == null) {
            error = message;
        }
    }

    /** One StreamBatches call: verifies and counts each batch on gRPC's serialised callback executor. */
    private final class Stream implements ClientResponseObserver<StreamBatchesRequest, GenerateBatchResponse> {
        final CountDownLatch ended = new CountDownLatch(1);
        private final Tally tally;
        private volatile ClientCallStreamObserver<StreamBatchesRequest> call;

        Stream(Tally tally) {
            this.tally = tally;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<StreamBatchesRequest> requestStream) {
            this.call = requestStream;
        }

        void cancel() {
            ClientCallStreamObserver<StreamBatchesRequest> c = call;
            if (c != null) {
                c.cancel("benchmark finished", null);
            }
        }

        @Override
        public void onNext(GenerateBatchResponse batch) {
            int n = batch.getIdsCount();
            if (n == 0) {
                tally.batch(0, 0, batchSize, true, "empty batch");
                return;
            }
            long first = batch.getIds(0);
            long prev = first;
            boolean increasing = true;
            if (Tally.sampled(first)) {
                tally.addSample(first);
            }
            for (int i = 1; i < n; i++) {
                long id = batch.getIds(i);
                increasing &= id > prev;
                prev = id;
                if (Tally.sampled(id)) {
                    tally.addSample(id);
                }
            }
            tally.batch(first, n, batchSize, increasing, null);
        }

        @Override
        public void onError(Throwable t) {
            if (!(stopping && Status.fromThrowable(t).getCode() == Status.Code.CANCELLED)) {
                fail("StreamBatches failed: " + Status.fromThrowable(t));
            }
            ended.countDown();
        }

        @Override
        public void onCompleted() {
            if (!stopping) {
                fail("StreamBatches completed although max_batches=0 (endless) was asked for");
            }
            ended.countDown();
        }
    }
}
