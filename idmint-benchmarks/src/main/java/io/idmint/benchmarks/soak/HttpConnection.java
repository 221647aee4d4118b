package io.idmint.benchmarks.soak;

import io.idmint.benchmarks.http.HttpResponseDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection and its share of the {@link Schedule}, at most one request in flight: the
 * next request goes as soon as it is due and the previous answer is in. All methods run on the
 * connection's event loop, so its fields need no locks. A broken connection counts its request in
 * flight as a transport error and is re-established; the requests that fell due meanwhile are then sent
 * at once and charged from when they were due, so an outage shows as latency and not as a gap.
 */
final class HttpConnection {
    /** Between reconnect attempts: an outage costs a few attempts a second, not a busy loop. */
    private static final long RECONNECT_DELAY_MILLIS = 100;

    private final int index;
    private final Schedule schedule;
    private final ByteBuf request;
    private final Meters meters;
    private final Runnable onFinished;
    private final Runnable sendTask = this::send;
    private final LongList ids;
    private Bootstrap bootstrap;
    private EventLoop loop;
    private Channel channel;
    private ScheduledFuture<?> pendingSend;
    /** The connection's next request: its {@code k}-th. */
    private long k;
    private long intendedNanos;
    /** When request {@code k} could go at the earliest: due, and the previous answer in. */
    private long readyNanos;
    private boolean inFlight;
    private boolean done;

    HttpConnection(int index, Schedule schedule, ByteBuf request, Meters meters, int expectedIds, Runnable onFinished) {
        this.index = index;
        this.schedule = schedule;
        this.request = request;
        this.meters = meters;
        this.onFinished = onFinished;
        this.ids = new LongList(expectedIds);
    }

    /**
     * The first connect, from the main thread, with {@code template}'s group and remote address; later
     * reconnects stay on the event loop this one picked, so the connection's state keeps one thread.
     */
    ChannelFuture connect(Bootstrap template) {
        ChannelFuture connected = template.clone().handler(new Initializer()).connect();
        channel = connected.channel();
        loop = channel.eventLoop();
        bootstrap = template.clone(loop).handler(new Initializer());
        return connected;
    }

    EventLoop loop() {
        return loop;
    }

    /** The IDs this connection received; read after its event loop has finished with it. */
    LongList ids() {
        return ids;
    }

    /** Sends request {@code k} now if it is due, else when it is. */
    void next() {
        if (done || channel == null) {
            return;
        }
        intendedNanos = schedule.due(index, k);
        if (intendedNanos >= schedule.end()) {
            finish();
            return;
        }
        long now = System.nanoTime();
        long delay = intendedNanos - now;
        if (delay > 0) {
            readyNanos = intendedNanos;
            pendingSend = loop.schedule(sendTask, delay, TimeUnit.NANOSECONDS);
        } else {
            readyNanos = now;
            send();
        }
    }

    private void send() {
        pendingSend = null;
        if (done || channel == null) {
            return;
        }
        long now = System.nanoTime();
        if (now > schedule.deadline()) {
            finish(); // the rest of this connection's schedule counts as unanswered
            return;
        }
        meters.sendLagMicros.recordValue(Meters.micros(now - readyNanos));
        inFlight = true;
        channel.writeAndFlush(request.duplicate(), channel.voidPromise());
    }

    /** A whole response: {@code body} holds it at {@code [bodyStart, bodyStart + bodyLength)}. */
    void onResponse(Channel from, int status, ByteBuf body, int bodyStart, int bodyLength) {
        long now = System.nanoTime();
        if (from != channel || !inFlight) {
            throw new DecoderException("a response nobody asked for");
        }
        inFlight = false;
        meters.httpLatencyMicros.recordValue(Meters.micros(now - intendedNanos));
        meters.httpRequests.increment(); // before any error count: see Meters#counts
        if (status != 200) {
            meters.non200.increment();
            meters.problem("HTTP " + status + " from GET /api/v1/ids");
        } else {
            long id = IdBody.parse(body, bodyStart, bodyLength);
            if (id < 0) {
                meters.unparseable.increment();
                meters.problem("no ID in a 200 answer: "
                        + body.toString(bodyStart, Math.min(bodyLength, 200), StandardCharsets.UTF_8));
            } else {
                ids.add(id);
            }
        }
        k++;
        next();
    }

    /** The channel broke (closed by the server, or an I/O or protocol error). */
    void lost(Channel from, String why) {
        if (from != channel || done) {
            return; // an old channel's late event, or our own close at the end
        }
        channel = null;
        cancelPendingSend();
        meters.connectionsLost.increment();
        if (inFlight) {
            inFlight = false;
            meters.httpRequests.increment();
            meters.transportErrors.increment();
            k++;
        }
        if (schedule.closing) {
            finish();
            return;
        }
        meters.problem("connection " + index + " lost: " + why + "; reconnecting");
        loop.schedule(this::reconnect, RECONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (done) {
            return;
        }
        if (schedule.closing || System.nanoTime() > schedule.deadline()) {
            finish();
            return;
        }
        bootstrap.connect().addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                channel = f.channel();
                next();
            } else {
                meters.problem("connection " + index + ": reconnect failed: " + f.cause());
                loop.schedule(this::reconnect, RECONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Ends this connection's part at the end of the run (on its event loop). */
    void shutdown() {
        Channel c = channel;
        finish();
        if (c != null) {
            c.close();
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            cancelPendingSend();
            onFinished.run();
        }
    }

    private void cancelPendingSend() {
        if (pendingSend != null) {
            pendingSend.cancel(false);
            pendingSend = null;
        }
    }

    private final class Initializer extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel c) {
            c.pipeline().addLast(new HttpResponseDecoder(new HttpResponseDecoder.Listener() {
                @Override
                public void onResponse(Channel from, int status, ByteBuf in, int bodyStart, int length) {
                    HttpConnection.this.onResponse(from, status, in, bodyStart, length);
                }

                @Override
                public void failed(Channel from, Throwable cause) {
                    lost(from, cause.toString());
                }

                @Override
                public void closed(Channel from) {
                    lost(from, "connection closed by the server");
                }
            }));
        }
    }
}
