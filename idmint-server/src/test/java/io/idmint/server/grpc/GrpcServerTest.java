package io.idmint.server.grpc;

import static io.idmint.server.grpc.GrpcIdServiceTest.batch;
import static io.idmint.server.grpc.StreamBatchesTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The server around the service: health, reflection, binding, graceful and forced shutdown. */
class GrpcServerTest {
    private static final String SERVICE = IdServiceGrpc.SERVICE_NAME;

    @Test
    void healthIsServingUntilTheServiceStopsIssuing() {
        try (TestNode node = TestNode.start(1)) {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(node.channel());
            assertThat(check(health, "")).isEqualTo(ServingStatus.SERVING);
            assertThat(check(health, SERVICE)).isEqualTo(ServingStatus.SERVING);

            node.service.stopIssuing("lease lost");
            assertThat(check(health, "")).isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(check(health, SERVICE)).isEqualTo(ServingStatus.NOT_SERVING);

            node.service.issuer().resumeIssuing();
            assertThat(check(health, SERVICE)).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void healthWatchersHearOfAStopFromTheScheduledRefresh() throws Exception {
        try (TestNode node = TestNode.start(1)) {
            LinkedBlockingQueue<ServingStatus> seen = new LinkedBlockingQueue<>();
            HealthGrpc.newStub(node.channel()).watch(HealthCheckRequest.newBuilder().setService(SERVICE).build(),
                    collect(seen));
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

            node.service.stopIssuing("lease lost"); // no health call follows: only the schedule can notice
            assertThat(seen.poll(HealthReporter.REFRESH_MILLIS + 4_000, TimeUnit.MILLISECONDS))
                    .isEqualTo(ServingStatus.NOT_SERVING);
        }
    }

    @Test
    void reflectionListsTheServices() throws Exception {
        try (TestNode node = TestNode.start(1)) {
            CompletableFuture<List<String>> services = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(node.channel())
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse r) {
                            services.complete(r.getListServicesResponse().getServiceList().stream()
                                    .map(ServiceResponse::getName).collect(Collectors.toList()));
                        }

                        @Override
                        public void onError(Throwable t) {
                            services.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            services.completeExceptionally(new AssertionError("completed without a response"));
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            requests.onCompleted();

            assertThat(services.get(10, TimeUnit.SECONDS))
                    .contains(SERVICE, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        }
    }

    @Test
    void startRejectsABadPortAndNamesAnAddressItCannotBind() {
        try (TestNode node = TestNode.start(1)) {
            assertThatThrownBy(() -> GrpcServer.start(node.service, "127.0.0.1", 70_000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be 0..65535: port=70000");
            assertThatThrownBy(() -> GrpcServer.start(node.service, "127.0.0.1", node.server.port()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("127.0.0.1:" + node.server.port());
        }
    }

    @Test
    void shutdownLetsAnInFlightUnaryCallFinishAndRefusesNewOnes() throws Exception {
        try (TestNode node = TestNode.start(1)) {
            node.generator.hold();
            var inFlight = IdServiceGrpc.newFutureStub(node.channel()).generateBatch(batch(100));
            node.generator.awaitHeldCall();

            CompletableFuture<Long> shutdownMillis = timedShutdown(node, Duration.ofSeconds(10));
            await("shutdown begun").atMost(Duration.ofSeconds(5)).until(node.server::isShutdown);
            assertThat(shutdownMillis).isNotDone(); // held: the call is still in flight
            ManagedChannel fresh = NettyChannelBuilder.forAddress("127.0.0.1", node.server.port()).usePlaintext().build();
            try {
                assertThatThrownBy(() -> IdServiceGrpc.newBlockingStub(fresh).generateBatch(batch(1)))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            } finally {
                fresh.shutdownNow();
            }

            node.generator.release();
            assertThat(inFlight.get(10, TimeUnit.SECONDS).getIdsCount()).isEqualTo(100);
            assertThat(shutdownMillis.get(10, TimeUnit.SECONDS)).isLessThan(10_000); // ended with the call, not the grace
        }
    }

    @Test
    void shutdownLetsAnInFlightBoundedStreamFinish() throws Exception {
        try (TestNode node = TestNode.start(1)) {
            node.generator.hold();
            StreamBatchesTest.ManualReader reader = new StreamBatchesTest.ManualReader(100);
            IdServiceGrpc.newStub(node.channel()).streamBatches(request(1_000, 5), reader);
            node.generator.awaitHeldCall();

            CompletableFuture<Long> shutdownMillis = timedShutdown(node, Duration.ofSeconds(10));
            await("shutdown begun").atMost(Duration.ofSeconds(5)).until(node.server::isShutdown);
            node.generator.release();

            assertThat(reader.done.get(10, TimeUnit.SECONDS)).isEqualTo(Status.Code.OK);
            assertThat(reader.received).hasSize(5).allSatisfy(b -> assertThat(b.getIdsCount()).isEqualTo(1_000));
            assertThat(shutdownMillis.get(10, TimeUnit.SECONDS)).isLessThan(10_000);
        }
    }

    @Test
    void shutdownEndsAnEndlessStreamThatIsBeingReadWithUnavailable() throws Exception {
        try (TestNode node = TestNode.start(1)) {
            StreamBatchesTest.ManualReader reader = new StreamBatchesTest.ManualReader(Integer.MAX_VALUE);
            IdServiceGrpc.newStub(node.channel()).streamBatches(request(100, 0), reader);
            GenerateBatchResponse first = reader.received.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();

            long millis = timedShutdown(node, Duration.ofSeconds(20)).get(15, TimeUnit.SECONDS);

            assertThat(reader.done.get(5, TimeUnit.SECONDS)).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(millis).isLessThan(10_000);
        }
    }

    @Test
    void shutdownCancelsWhatIsLeftWhenTheGraceRunsOut() throws Exception {
        try (TestNode node = TestNode.start(1)) {
            node.generator.hold(); // held past the grace period
            var inFlight = IdServiceGrpc.newFutureStub(node.channel()).generateBatch(batch(100));
            node.generator.awaitHeldCall();

            long millis = timedShutdown(node, Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);

            assertThat(millis).isBetween(250L, 6_000L);
            assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isNotEqualTo(Status.Code.OK));
            node.generator.release();
            await("the released call to be recorded as cancelled").atMost(Duration.ofSeconds(5)).until(() -> node.calls("GenerateBatch", "cancelled") == 1);
            assertThat(node.okCalls("GenerateBatch")).isZero(); // its IDs were dropped, not sent
        }
    }

    private static CompletableFuture<Long> timedShutdown(TestNode node, Duration grace) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            node.server.shutdown(grace);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
    }

    private static ServingStatus check(HealthGrpc.HealthBlockingStub health, String service) {
        return health.withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    private static StreamObserver<HealthCheckResponse> collect(LinkedBlockingQueue<ServingStatus> seen) {
        return new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse r) {
                seen.add(r.getStatus());
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
    }
}
