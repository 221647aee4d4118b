package io.idmint.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.StreamBatchesRequest;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** StreamBatches: continuous delivery, flow control towards a slow reader, and cancellation. */
class StreamBatchesTest {
    /** About 90 KB per message: larger than the 64 KiB client window and the 32 KiB on-ready threshold. */
    private static final int BIG_BATCH = 10_000;
    private static final int REQUESTED = 2;
    /**
     * Batches a correct server may have produced beyond those the client asked for: one part-way through
     * the 64 KiB window, one held in the server's transport queue, one more of slack.
     */
    private static final int RUN_AHEAD_BOUND = 3;

    @Test
    void deliversBatchesWhoseIdsAreAllUniqueAndIncreasing() {
        try (TestNode node = TestNode.start(3)) {
            Iterator<GenerateBatchResponse> it = node.blocking().streamBatches(request(1_000, 50));
            long previous = Long.MIN_VALUE;
            int batches = 0;
            while (it.hasNext()) {
                GenerateBatchResponse batch = it.next();
                assertThat(batch.getIdsCount()).isEqualTo(1_000);
                for (int i = 0; i < batch.getIdsCount(); i++) {
                    assertThat(batch.getIds(i)).isGreaterThan(previous); // strictly: unique across batches too
                    previous = batch.getIds(i);
                }
                batches++;
            }
            assertThat(batches).isEqualTo(50);
            assertThat(node.okCalls("StreamBatches")).isEqualTo(1);
        }
    }

    @Test
    void aSlowReaderKeepsTheServerWithinABoundedRunAhead() throws Exception {
        RunAheadWatch watch = new RunAheadWatch(REQUESTED + RUN_AHEAD_BOUND);
        ManagedChannel channel = null;
        try (TestNode node = TestNode.start(3, watch)) {
            // A fixed small window (it also turns off BDP auto-tuning) makes the transport's share of the
            // bound small and known.
            channel = NettyChannelBuilder.forAddress("127.0.0.1", node.server.port()).usePlaintext()
                    .flowControlWindow(64 * 1024).build();
            ManualReader reader = new ManualReader(REQUESTED);
            IdServiceGrpc.newStub(channel).streamBatches(request(BIG_BATCH, 20), reader);

            for (int i = 0; i < REQUESTED; i++) {
                assertThat(reader.received.poll(10, TimeUnit.SECONDS)).as("batch %d", i).isNotNull();
            }
            assertThat(watch.paused.await(10, TimeUnit.SECONDS)).as("server paused for back-pressure").isTrue();
            // Negative property, so it needs an observation window: a server that ignores isReady() would
            // generate all 20 batches (~50 ms of work) and trip the latch well within it.
            assertThat(watch.overrun.await(500, TimeUnit.MILLISECONDS)).as("server ran ahead: sent %d", watch.sent.get())
                    .isFalse();
            assertThat(node.idsGenerated()).isLessThanOrEqualTo((long) (REQUESTED + RUN_AHEAD_BOUND) * BIG_BATCH);
            assertThat(reader.received).isEmpty(); // nothing delivered beyond what was requested

            reader.call.request(18);
            assertThat(reader.done.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.OK);
            assertThat(reader.received).hasSize(18);
            assertThat(watch.sent.get()).isEqualTo(20);
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aCancelledStreamStopsGenerating() throws Exception {
        RunAheadWatch watch = new RunAheadWatch(Long.MAX_VALUE);
        try (TestNode node = TestNode.start(3, watch)) {
            CancelAfter reader = new CancelAfter(5);
            IdServiceGrpc.newStub(node.channel()).streamBatches(request(1_000, 0), reader);

            assertThat(watch.ended.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.CANCELLED);
            long sentAtCancel = watch.sent.get();
            long generatedAtCancel = node.idsGenerated();
            assertThat(reader.done.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.CANCELLED);
            assertThat(sentAtCancel).isGreaterThanOrEqualTo(5);
            // The stream was endless: had it not stopped, the counter would keep climbing. One more
            // round trip through the server proves it stood still meanwhile.
            node.blocking().generate(io.idmint.grpc.v1.GenerateRequest.getDefaultInstance());
            assertThat(node.idsGenerated()).isEqualTo(generatedAtCancel + 1);
            await("cancel recorded").atMost(Duration.ofSeconds(5)).until(() -> node.calls("StreamBatches", "cancelled") == 1);
        }
    }

    static StreamBatchesRequest request(int batchSize, long maxBatches) {
        return StreamBatchesRequest.newBuilder().setBatchSize(batchSize).setMaxBatches(maxBatches).build();
    }

    /** Server-side view of one stream: batches sent, first pause, end, and a trip wire for run-ahead. */
    static final class RunAheadWatch implements StreamEvents {
        final AtomicLong sent = new AtomicLong();
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch overrun = new CountDownLatch(1);
        final CompletableFuture<Status.Code> ended = new CompletableFuture<>();
        private final long limit;

        RunAheadWatch(long limit) {
            this.limit = limit;
        }

        @Override
        public void batchSent(long n) {
            sent.set(n);
            if (n > limit) {
                overrun.countDown();
            }
        }

        @Override
        public void paused(long n) {
            paused.countDown();
        }

        @Override
        public void ended(long n, Status.Code code) {
            ended.complete(code);
        }
    }

    /** Reads only what the test requests: the slow consumer. */
    static final class ManualReader implements ClientResponseObserver<StreamBatchesRequest, GenerateBatchResponse> {
        final LinkedBlockingQueue<GenerateBatchResponse> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Status.Code> done = new CompletableFuture<>();
        private final int initial;
        volatile ClientCallStreamObserver<StreamBatchesRequest> call;

        ManualReader(int initial) {
            this.initial = initial;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<StreamBatchesRequest> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(initial);
        }

        @Override
        public void onNext(GenerateBatchResponse value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.complete(Status.fromThrowable(t).getCode());
        }

        @Override
        public void onCompleted() {
            done.complete(Status.Code.OK);
        }
    }

    /** Reads as fast as it can and cancels after {@code n} batches, from the callback thread. */
    static final class CancelAfter implements ClientResponseObserver<StreamBatchesRequest, GenerateBatchResponse> {
        final CompletableFuture<Status.Code> done = new CompletableFuture<>();
        private final int n;
        private ClientCallStreamObserver<StreamBatchesRequest> call;
        private int seen;

        CancelAfter(int n) {
            this.n = n;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<StreamBatchesRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(GenerateBatchResponse value) {
            if (++seen == n) {
                call.cancel("test has enough", null);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.complete(Status.fromThrowable(t).getCode());
        }

        @Override
        public void onCompleted() {
            done.complete(Status.Code.OK);
        }
    }
}
