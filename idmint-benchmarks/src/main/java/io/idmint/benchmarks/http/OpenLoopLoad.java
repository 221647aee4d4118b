package io.idmint.benchmarks.http;

import io.idmint.testkit.ProcCpu;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Open-loop HTTP/1.1 load generator, the way wrk2 works: a fixed schedule of request start times at a
 * constant rate, spread round-robin over keep-alive connections (request {@code j} is due at
 * {@code t0 + j / rate} on connection {@code j mod C}). Each connection has at most one request in
 * flight and sends the next one as soon as it is due and the previous answer is in. Latency runs from
 * the <em>intended</em> start time, not from the moment of sending, so a stalled server (or generator)
 * is charged for every request it held back: no coordinated omission. Warm-up requests follow the same
 * schedule and are not recorded.
 *
 * <p>With {@code --server-pid PID} it also reads the CPU time (user + system, /proc) of the server process,
 * of this generator and of the whole machine at the start and at the end of the measured window (see
 * {@link ProcCpu}), and reports the server's and the generator's CPU per answered request and how many cores
 * other processes took meanwhile: at a fixed offered load, CPU per request is the figure that compares two
 * servers on a shared machine, where throughput ratios swing with the neighbours.
 *
 * <p>Usage: {@code OpenLoopLoad [--rate R] [--warmup S] [--duration S] [--connections C] [--threads T] [--nio]
 * [--server-pid PID] [--clk-tck HZ] URL} with an {@code http://} URL on this machine. Prints the achieved
 * rate, the latency percentiles, the CPU figures and a {@code RESULT} line of {@code key=value} fields for
 * scripts. Exits 1 on a transport error or when requests were left undone.
 */
public final class OpenLoopLoad {
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    /** How long after the schedule's end unanswered requests are waited for. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private OpenLoopLoad() {}

    public static void main(String[] args) throws Exception {
        double rate = 10_000;
        double warmupSeconds = 5;
        double durationSeconds = 30;
        int connections = 32;
        int threads = 1;
        boolean nio = false;
        long serverPid = -1;
        long clkTck = 100;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--warmup" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--duration" -> durationSeconds = Double.parseDouble(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--nio" -> nio = true;
                case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
                case "--clk-tck" -> clkTck = Long.parseLong(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || url != null) {
                        usage("unknown argument: " + args[i]);
                    }
                    url = args[i];
                }
            }
        }
        if (url == null) {
            usage("no URL");
        }
        if (rate <= 0 || durationSeconds <= 0 || warmupSeconds < 0 || connections < 1 || threads < 1) {
            usage("rate, duration and connections must be positive, warmup not negative");
        }
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            usage("only http://HOST:PORT/PATH URLs: " + url);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        System.exit(run(uri.getHost(), port, url, request, rate, warmupSeconds, durationSeconds, connections, threads, nio,
                new ProcCpu(serverPid, clkTck)));
    }

    private static void usage(String problem) {
        System.err.println("open-loop: " + problem);
        System.err.println("usage: OpenLoopLoad [--rate R] [--warmup S] [--duration S] [--connections C] [--threads T]"
                + " [--nio] [--server-pid PID] [--clk-tck HZ] http://HOST:PORT/PATH");
        System.exit(2);
    }

    private static int run(String host, int port, String url, byte[] request, double rate, double warmupSeconds,
                           double durationSeconds, int connections, int threads, boolean nio, ProcCpu cpu)
            throws Exception {
        boolean epoll = !nio && Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            ByteBuf requestBuf = Unpooled.unreleasableBuffer(Unpooled.directBuffer(request.length).writeBytes(request));
            CountDownLatch finished = new CountDownLatch(connections);
            Schedule schedule = new Schedule(rate, connections, warmupSeconds, durationSeconds);
            Map<EventLoop, Stats> statsByLoop = new IdentityHashMap<>();
            List<Conn> conns = new ArrayList<>(connections);
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
            for (int i = 0; i < connections; i++) {
                Conn conn = new Conn(i, schedule, requestBuf, finished);
                Channel ch = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new HttpResponseDecoder(conn));
                    }
                }).connect(host, port).sync().channel();
                conn.attach(ch, statsByLoop.computeIfAbsent(ch.eventLoop(), l -> new Stats()));
                conns.add(conn);
            }
            System.out.printf(Locale.ROOT, "open-loop %s: %.0f req/s over %d keep-alive connections, %d %s thread(s),"
                            + " warm-up %.0f s, measured %.0f s%n", url, rate, connections, threads, epoll ? "epoll" : "nio",
                    warmupSeconds, durationSeconds);
            schedule.begin(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            // The CPU readings open when the measured part of the schedule starts and close once every
            // connection has its last measured answer in (or gave up).
            ProcCpu.Sample[] atStart = new ProcCpu.Sample[1];
            Thread opener = new Thread(() -> {
                long wait = schedule.measureStart - System.nanoTime();
                try {
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atStart[0] = cpu.sample();
            }, "open-loop-cpu");
            opener.setDaemon(true);
            opener.start();
            for (Conn c : conns) {
                c.channel.eventLoop().execute(c::next);
            }
            long waitNanos = schedule.end - System.nanoTime() + GRACE_NANOS + TimeUnit.SECONDS.toNanos(2);
            boolean allDone = finished.await(waitNanos, TimeUnit.NANOSECONDS);
            opener.join();
            ProcCpu.Window window = cpu.sample().since(atStart[0]);
            schedule.closing = true;
            for (Conn c : conns) {
                c.channel.close();
            }
            // Every connection's stats are written on its event loop; running a task there after close
            // makes them visible here.
            for (EventLoop loop : statsByLoop.keySet()) {
                loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            }
            return report(schedule, statsByLoop.values(), conns, allDone, window);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static int report(Schedule schedule, Iterable<Stats> all, List<Conn> conns, boolean allDone,
                              ProcCpu.Window cpu) {
        Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        Histogram sendLag = new Histogram(HIGHEST_MICROS, 3);
        long non2xx = 0;
        long lastCompletion = schedule.end;
        for (Stats s : all) {
            latency.add(s.latency);
            sendLag.add(s.sendLag);
            non2xx += s.non2xx;
            lastCompletion = Math.max(lastCompletion, s.lastCompletion);
        }
        long errors = 0;
        for (Conn c : conns) {
            if (c.error != null) {
                errors++;
                if (errors <= 3) {
                    System.out.println("open-loop: connection " + c.index + ": " + c.error);
                }
            }
        }
        long due = schedule.measuredRequests();
        long answered = latency.getTotalCount();
        long undone = due - answered;
        double seconds = (lastCompletion - schedule.measureStart) / 1e9;
        double achieved = answered / seconds;
        System.out.printf(Locale.ROOT, "achieved: %.0f req/s (%d responses in %.3f s; %d connection errors, %d non-2xx,"
                + " %d of %d scheduled requests not answered)%n", achieved, answered, seconds, errors, non2xx, undone, due);
        System.out.printf(Locale.ROOT, "latency from intended start, ms: p50=%s p90=%s p99=%s p99.9=%s max=%s%n",
                ms(latency, 50), ms(latency, 90), ms(latency, 99), ms(latency, 99.9), ms(latency.getMaxValue()));
        System.out.printf(Locale.ROOT, "generator lag (sent - max(due, previous answer in); part of the latency above), ms: p50=%s"
                + " p99=%s p99.9=%s max=%s%n", ms(sendLag, 50), ms(sendLag, 99), ms(sendLag, 99.9), ms(sendLag.getMaxValue()));
        double windowSeconds = cpu.wallNanos() / 1e9;
        if (cpu.process() >= 0) {
            System.out.printf(Locale.ROOT, "CPU (user+sys) over the measured %.3f s: server %.0f ms = %s us/request (%.2f"
                            + " cores); generator %.0f ms = %s us/request (%.2f cores); other processes %.2f cores%n",
                    windowSeconds, cpu.process() / 1e6, perRequest(cpu.process(), answered), cpu.cores(cpu.process()),
                    cpu.self() / 1e6, perRequest(cpu.self(), answered), cpu.cores(cpu.self()), cpu.cores(cpu.other()));
        } else {
            System.out.printf(Locale.ROOT, "CPU (user+sys) over the measured %.3f s: generator %.0f ms = %s us/request"
                            + " (%.2f cores); server unknown (no --server-pid, or /proc unreadable)%n", windowSeconds,
                    cpu.self() / 1e6, perRequest(cpu.self(), answered), cpu.cores(cpu.self()));
        }
        System.out.printf(Locale.ROOT, "RESULT rate=%.0f p50=%s p90=%s p99=%s p999=%s max=%s lag_p99=%s errors=%d non2xx=%d"
                        + " undone=%d requests=%d window_s=%.3f server_cpu_ms=%s server_us_per_req=%s server_cores=%s"
                        + " gen_cpu_ms=%.1f gen_us_per_req=%s gen_cores=%.3f other_cores=%s%n", achieved, ms(latency, 50),
                ms(latency, 90), ms(latency, 99), ms(latency, 99.9), ms(latency.getMaxValue()), ms(sendLag, 99), errors,
                non2xx, undone, answered, windowSeconds, cpu.process() < 0 ? "na" : String.format(Locale.ROOT, "%.1f",
                        cpu.process() / 1e6), perRequest(cpu.process(), answered), cores(cpu, cpu.process()),
                cpu.self() / 1e6, perRequest(cpu.self(), answered), cpu.cores(cpu.self()), cores(cpu, cpu.other()));
        return errors == 0 && undone == 0 && allDone ? 0 : 1;
    }

    /** Microseconds of CPU per request, or "na". */
    private static String perRequest(long cpuNanos, long requests) {
        return cpuNanos < 0 || requests <= 0 ? "na" : String.format(Locale.ROOT, "%.3f", cpuNanos / 1e3 / requests);
    }

    private static String cores(ProcCpu.Window w, long cpuNanos) {
        double c = w.cores(cpuNanos);
        return c < 0 ? "na" : String.format(Locale.ROOT, "%.3f", c);
    }

    private static String ms(Histogram h, double percentile) {
        return ms(h.getValueAtPercentile(percentile));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    /** The request schedule: request {@code j} is due at {@code t0 + j * period} on connection {@code j mod C}. */
    private static final class Schedule {
        final double periodNanos;
        final int connections;
        final long warmupNanos;
        final long durationNanos;
        long t0;
        long measureStart;
        long end;
        long deadline;
        volatile boolean closing;

        Schedule(double rate, int connections, double warmupSeconds, double durationSeconds) {
            this.periodNanos = 1e9 / rate;
            this.connections = connections;
            this.warmupNanos = (long) (warmupSeconds * 1e9);
            this.durationNanos = (long) (durationSeconds * 1e9);
        }

        /** Set before any connection starts; the event loops see it through {@code execute}. */
        void begin(long start) {
            t0 = start;
            measureStart = t0 + warmupNanos;
            end = measureStart + durationNanos;
            deadline = end + GRACE_NANOS;
        }

        long due(int connection, long k) {
            return t0 + (long) ((connection + (double) k * connections) * periodNanos);
        }

        /** How many requests are due in [measureStart, end). */
        long measuredRequests() {
            return firstAtOrAfter(end) - firstAtOrAfter(measureStart);
        }

        private long firstAtOrAfter(long time) {
            long j = (long) Math.ceil((time - t0) / periodNanos);
            while (j > 0 && t0 + (long) ((j - 1) * periodNanos) >= time) {
                j--;
            }
            while (t0 + (long) (j * periodNanos) < time) {
                j++;
            }
            return j;
        }
    }

    /** Written only by one event loop thread. */
    private static final class Stats {
        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        final Histogram sendLag = new Histogram(HIGHEST_MICROS, 3);
        long non2xx;
        long lastCompletion;
    }

    /** One keep-alive connection and its share of the schedule; all methods run on its event loop. */
    private static final class Conn implements HttpResponseDecoder.Listener {
        final int index;
        final Schedule schedule;
        final ByteBuf request;
        final CountDownLatch finished;
        final Runnable sendTask = this::send;
        Channel channel;
        Stats stats;
        long k;
        long intended;
        /** When request {@code k} could go at the earliest: due, and the previous answer in. */
        long ready;
        boolean inFlight;
        boolean done;
        String error;

        Conn(int index, Schedule schedule, ByteBuf request, CountDownLatch finished) {
            this.index = index;
            this.schedule = schedule;
            this.request = request;
            this.finished = finished;
        }

        void attach(Channel ch, Stats s) {
            this.channel = ch;
            this.stats = s;
        }

        /** Sends request {@code k} now if it is due, else when it is. */
        void next() {
            if (done) {
                return;
            }
            intended = schedule.due(index, k);
            if (intended >= schedule.end) {
                finish(null);
                return;
            }
            long now = System.nanoTime();
            long delay = intended - now;
            if (delay > 0) {
                ready = intended;
                channel.eventLoop().schedule(sendTask, delay, TimeUnit.NANOSECONDS);
            } else {
                ready = now;
                send();
            }
        }

        private void send() {
            if (done) {
                return;
            }
            long now = System.nanoTime();
            if (now > schedule.deadline) {
                finish(null); // the rest is counted as not answered
                return;
            }
            if (intended >= schedule.measureStart) {
                stats.sendLag.recordValue(micros(now - ready));
            }
            inFlight = true;
            channel.writeAndFlush(request.duplicate(), channel.voidPromise());
        }

        @Override
        public void onResponse(Channel from, int status, ByteBuf in, int bodyStart, int length) {
            long now = System.nanoTime();
            if (!inFlight) {
                throw new DecoderException("a response nobody asked for");
            }
            inFlight = false;
            if (intended >= schedule.measureStart) {
                stats.latency.recordValue(micros(now - intended));
                if (status < 200 || status > 299) {
                    stats.non2xx++;
                }
                stats.lastCompletion = Math.max(stats.lastCompletion, now);
            }
            k++;
            next();
        }

        @Override
        public void failed(Channel from, Throwable cause) {
            finish(cause.toString());
        }

        @Override
        public void closed(Channel from) {
            finish(schedule.closing ? "still waiting for a response at the end" : "connection closed by the server");
        }

        void finish(String failure) {
            if (!done) {
                done = true;
                error = failure;
                finished.countDown();
            }
        }

        private static long micros(long nanos) {
            return Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000));
        }
    }
}
