package io.idmint.server.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.testkit.ControlledGenerator;
import io.idmint.server.IdService;
import io.idmint.server.TestIssuers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One in-process idmint gRPC node on 127.0.0.1 with an ephemeral port, a real IdService and a channel: the
 * default generator is a {@link ControlledGenerator}, and a second one, {@code orders}, uses the twitter layout.
 */
final class TestNode implements AutoCloseable {
    final ControlledGenerator generator;
    final IdService service;
    final GrpcServer server;
    private ManagedChannel channel;

    /** The second generator every test node serves, next to the controlled default one. */
    static final BitLayout ORDERS_LAYOUT = BitLayout.preset("twitter");

    private TestNode(int worker, StreamEvents events) {
        this.generator = new ControlledGenerator(worker);
        this.service = new IdService(TestIssuers.of(TestIssuers.named("default", generator),
                TestIssuers.named("orders", IdGenerator.builder(ORDERS_LAYOUT).worker(worker + 1).build())));
        this.server = GrpcServer.start(service, "127.0.0.1", 0, events);
    }

    static TestNode start(int worker) {
        return new TestNode(worker, StreamEvents.NONE);
    }

    static TestNode start(int worker, StreamEvents events) {
        return new TestNode(worker, events);
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        }
        return channel;
    }

    IdServiceGrpc.IdServiceBlockingStub blocking() {
        return IdServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Successful gRPC calls of {@code method} as the server recorded them. */
    long okCalls(String method) {
        return service.registry().find("idmint_requests").tags("transport", "grpc", "method", method, "outcome", "ok")
                .timers().stream().mapToLong(Timer::count).sum();
    }

    /** Calls of {@code method} recorded with {@code outcome}. */
    long calls(String method, String outcome) {
        return service.registry().find("idmint_requests").tags("transport", "grpc", "method", method, "outcome", outcome)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    /** IDs the service has generated, whether or not they reached a client. */
    long idsGenerated() {
        Counter c = service.registry().find("idmint_ids_generated").counter();
        return c == null ? 0 : (long) c.count();
    }

    @Override
    public void close() {
        generator.release();
        if (channel != null) {
            channel.shutdownNow();
        }
        server.shutdown(Duration.ofSeconds(2));
        service.close();
    }
}
