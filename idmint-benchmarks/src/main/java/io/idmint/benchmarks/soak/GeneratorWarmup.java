package io.idmint.benchmarks.soak;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Warms the load generator itself before the measured run: the same HTTP load, at the same rate over the same
 * number of keep-alive connections, against a stub server in this JVM that answers as the service does
 * ({@code {"id":"N"}}). The first window then measures a cold server driven by a warm client, as a replica
 * taking traffic from long-running load balancers is; without it, the generator's own first second (its JIT,
 * its connection setup) lands in the server's first-window latency. The server under test sees none of it.
 */
final class GeneratorWarmup {
    static final int SECONDS = 5;

    private GeneratorWarmup() {}

    /** Runs the warm-up load to its end against a stub; every figure it records is discarded. */
    static void run(double ratePerSecond, int connections) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel stub = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new StubInitializer()).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) stub.localAddress()).getPort();
            HttpLoad load = new HttpLoad("127.0.0.1", port, ratePerSecond, connections,
                    TimeUnit.SECONDS.toNanos(SECONDS), new Meters());
            load.connect();
            load.start(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            load.done().get(SECONDS + 30L, TimeUnit.SECONDS);
            load.close();
            stub.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static final class StubInitializer extends ChannelInitializer<SocketChannel> {
        private long next = 1;

        @Override
        protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096),
                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                            // one event loop serves every connection: the counter needs no lock
                            byte[] body = ("{\"id\":\"" + next++ + "\"}").getBytes(StandardCharsets.US_ASCII);
                            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                    Unpooled.wrappedBuffer(body));
                            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                            ctx.writeAndFlush(r);
                        }
                    });
        }
    }
}
