package io.idmint.benchmarks.soak;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open-loop HTTP part of the soak: {@code GET /api/v1/ids} at a constant rate over keep-alive
 * connections on one Netty event loop (epoll where available: its timerfd fires to the microsecond,
 * NIO's select() only to the millisecond, which would show up as latency).
 */
final class HttpLoad {
    private final String host;
    private final int port;
    private final int connectionCount;
    private final Schedule schedule;
    private final Meters meters;
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final List<HttpConnection> connections = new ArrayList<>();
    private final AtomicInteger unfinished;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    HttpLoad(String host, int port, double ratePerSecond, int connectionCount, long durationNanos, Meters meters) {
        this.host = host;
        this.port = port;
        this.connectionCount = connectionCount;
        this.schedule = new Schedule(ratePerSecond, connectionCount, durationNanos);
        this.meters = meters;
        this.unfinished = new AtomicInteger(connectionCount);
    }

    /** Opens every connection; throws if one cannot be opened (the server is not there). */
    void connect() throws InterruptedException {
        byte[] get = ("GET /api/v1/ids HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuf request = Unpooled.unreleasableBuffer(Unpooled.directBuffer(get.length).writeBytes(get));
        Bootstrap template = new Bootstrap().group(group).remoteAddress(host, port)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
        // presized for this connection's share of the run, so the lists do not grow (and copy) mid-run
        int expectedIds = (int) Math.min(Integer.MAX_VALUE - 16, schedule.totalRequests() / connectionCount + 1024);
        for (int i = 0; i < connectionCount; i++) {
            HttpConnection c = new HttpConnection(i, schedule, request, meters, expectedIds, this::connectionFinished);
            c.connect(template).sync();
            connections.add(c);
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "HTTP GET http://%s:%d/api/v1/ids over %d keep-alive connections (%s)",
                host, port, connectionCount, epoll ? "epoll" : "nio");
    }

    /** Starts the schedule at {@code startNanos} (System.nanoTime). */
    void start(long startNanos) {
        schedule.begin(startNanos);
        for (HttpConnection c : connections) {
            c.loop().execute(c::next);
        }
    }

    /** Completes when every connection has worked through its schedule (or given up at the deadline). */
    CompletableFuture<Void> done() {
        return done;
    }

    private void connectionFinished() {
        if (unfinished.decrementAndGet() == 0) {
            done.complete(null);
        }
    }

    long scheduledRequests() {
        return schedule.totalRequests();
    }

    /**
     * Closes every connection and waits until their event loop has run everything they had queued, so
     * their ID lists are complete and visible to the caller.
     */
    List<LongList> close() throws Exception {
        schedule.closing = true;
        Set<EventLoop> loops = new LinkedHashSet<>();
        for (HttpConnection c : connections) {
            loops.add(c.loop());
            c.loop().execute(c::shutdown);
        }
        for (EventLoop loop : loops) {
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        List<LongList> ids = new ArrayList<>();
        for (HttpConnection c : connections) {
            ids.add(c.ids());
        }
        return ids;
    }
}
