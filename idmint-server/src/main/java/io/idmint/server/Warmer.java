package io.idmint.server;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.idmint.config.HttpSettings;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateRequest;
import io.idmint.grpc.v1.IdServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Runs a {@link Warmup}: the service's own request paths, driven over loopback through its real ports by a
 * JDK HTTP client and a gRPC blocking stub, as a client would. Single IDs through the default generator's fast
 * path, batches, the named generators and readiness probes; never an ID request to a {@code segment} generator
 * (see {@link Warmup}). Failures are counted as answers and never stop the warm-up: it only ever delays
 * readiness, by at most its deadline.
 */
final class Warmer {
    /** The batch the warm-up asks for: on the event loop, like most real batches. */
    static final int BATCH = 100;
    /** Parallel HTTP clients at most; each Vert.x event loop gets its own connections to warm. */
    private static final int MAX_HTTP_THREADS = 4;

    private final IdService service;
    private final HttpSettings http;
    private final int httpPort;
    private final String grpcHost;
    private final int grpcPort;
    private final Warmup warmup;
    private volatile boolean cancelled;
    private final AtomicLong answered = new AtomicLong();

    Warmer(IdService service, HttpSettings http, int httpPort, String grpcHost, int grpcPort, Warmup warmup) {
        this.service = service;
        this.http = http;
        this.httpPort = httpPort;
        this.grpcHost = grpcHost;
        this.grpcPort = grpcPort;
        this.warmup = warmup;
    }

    /** Stops sending: the server is shutting down. */
    void cancel() {
        cancelled = true;
    }

    /** Sends the requests, from a few threads of its own; returns when the count or the deadline is reached. */
    Warmup.Result run() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + warmup.deadline().toNanos();
        NamedGenerator defaultGenerator = service.issuer().defaultGenerator();
        boolean defaultIssues = issues(defaultGenerator);
        List<String> others = new ArrayList<>();
        for (NamedGenerator g : service.issuer().generators()) {
            if (g != defaultGenerator && issues(g)) {
                others.add(g.name());
            }
        }
        int httpThreads = Math.max(1, Math.min(http.instances(), MAX_HTTP_THREADS));
        ExecutorService pool = Executors.newFixedThreadPool(httpThreads + 1, r -> {
            Thread t = new Thread(r, "idmint-warmup-client");
            t.setDaemon(true);
            return t;
        });
        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress(loopbackFor(grpcHost), grpcPort))
                .usePlaintext().build();
        try {
            List<Future<?>> running = new ArrayList<>();
            SocketFactory sockets = socketFactory();
            if (sockets != null) {
                List<String> requests = httpRequests(defaultIssues, others);
                AtomicInteger sent = new AtomicInteger();
                for (int i = 0; i < httpThreads; i++) {
                    running.add(pool.submit(() -> httpLoop(sockets, requests, sent, deadline)));
                }
            }
            running.add(pool.submit(() -> grpcLoop(grpcCalls(channel, defaultIssues, others), deadline)));
            for (Future<?> f : running) {
                try {
                    // Every call has what is left of the deadline as its timeout: this returns soon after it.
                    f.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    cancel();
                }
            }
        } finally {
            cancel();
            pool.shutdownNow();
            channel.shutdownNow();
        }
        return new Warmup.Result(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), answered.get());
    }

    /** Whether the warm-up may ask {@code g} for IDs: not a segment generator, whose discarded values are holes. */
    private static boolean issues(NamedGenerator g) {
        return !"segment".equals(g.scheme());
    }

    /**
     * One cycle of what real clients send (mostly single IDs, some batches, a readiness probe), each as the bytes
     * of an HTTP/1.1 request that closes its connection.
     */
    private List<String> httpRequests(boolean defaultIssues, List<String> others) {
        List<String> paths = new ArrayList<>();
        if (defaultIssues) {
            for (int i = 0; i < 6; i++) {
                paths.add("/api/v1/ids"); // the fast path, answered before routing
            }
            paths.add("/api/v1/ids?count=" + BATCH);
        }
        for (String name : others) {
            String g = URLEncoder.encode(name, StandardCharsets.UTF_8);
            paths.add("/api/v1/ids?generator=" + g);
            paths.add("/api/v1/ids?count=" + BATCH + "&generator=" + g);
        }
        paths.add("/api/v1/health/ready");
        if (!defaultIssues && others.isEmpty()) {
            paths.add("/api/v1/info");
        }
        String host = "Host: " + uriHost(loopbackFor(http.host())) + ":" + httpPort + "\r\n";
        String auth = http.token().map(t -> "Authorization: Bearer " + t + "\r\n").orElse("");
        List<String> requests = new ArrayList<>();
        paths.forEach(p -> requests.add("GET " + p + " HTTP/1.1\r\n" + host + auth + "Connection: close\r\n\r\n"));
        return requests;
    }

    /**
     * Sends the requests over plain sockets, one connection each, reading every answer to its end. Deliberately
     * not the JDK's HttpClient: it loads some 700 classes (java.net.http and the TLS stack, even for plain HTTP)
     * that stay in the service's memory for good, about 19 MiB of RSS measured under the soak.
     */
    private void httpLoop(SocketFactory sockets, List<String> requests, AtomicInteger sent, long deadline) {
        InetAddress address = loopbackFor(http.host());
        byte[] sink = new byte[8192];
        int i;
        while (!cancelled && (i = sent.getAndIncrement()) < warmup.requests()) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis <= 0) {
                return;
            }
            try (Socket socket = sockets.createSocket()) {
                socket.connect(new InetSocketAddress(address, httpPort), (int) leftMillis);
                socket.setSoTimeout((int) Math.max(1, leftMillis));
                socket.getOutputStream().write(requests.get(i % requests.size()).getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                while (in.read(sink) >= 0) {
                    // the whole answer, until the server closes: its handler ran to the end
                }
                answered.incrementAndGet(); // whatever the status: an error answer ran the code too
            } catch (IOException e) {
                // Refused, reset or timed out: the server is stopping or the deadline passed; the loop decides.
            }
        }
    }

    /** The gRPC calls of one cycle, each given what is left of the deadline. */
    private static List<Consumer<Long>> grpcCalls(ManagedChannel channel, boolean defaultIssues, List<String> others) {
        IdServiceGrpc.IdServiceBlockingStub ids = IdServiceGrpc.newBlockingStub(channel);
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        List<Consumer<Long>> calls = new ArrayList<>();
        List<String> names = new ArrayList<>(others);
        if (defaultIssues) {
            names.add(0, ""); // the default generator
        }
        for (String g : names) {
            int singles = g.isEmpty() ? 6 : 1;
            for (int i = 0; i < singles; i++) {
                calls.add(left -> ids.withDeadlineAfter(left, TimeUnit.NANOSECONDS)
                        .generate(GenerateRequest.newBuilder().setGenerator(g).build()));
            }
            calls.add(left -> ids.withDeadlineAfter(left, TimeUnit.NANOSECONDS)
                    .generateBatch(GenerateBatchRequest.newBuilder().setCount(BATCH).setGenerator(g).build()));
        }
        calls.add(left -> health.withDeadlineAfter(left, TimeUnit.NANOSECONDS).check(HealthCheckRequest.getDefaultInstance()));
        return calls;
    }

    private void grpcLoop(List<Consumer<Long>> calls, long deadline) {
        for (int i = 0; !cancelled && i < warmup.requests(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                calls.get(i % calls.size()).accept(left);
                answered.incrementAndGet();
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED) {
                    return; // past the deadline
                }
                if (e.getStatus().getCause() == null) {
                    answered.incrementAndGet(); // the server's own error answer (a generator not ready) ran the code too
                }
            }
        }
    }

    /** Sockets for the HTTP port; with TLS trusting exactly the server's own certificate; null if that is unreadable. */
    private SocketFactory socketFactory() {
        if (http.tlsCertPath() == null) {
            return SocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(http.tlsCertPath())) {
            Certificate own = CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrust(own)}, null);
            return tls.getSocketFactory();
        } catch (Exception e) {
            return null; // no HTTPS warm-up; gRPC still warms up
        }
    }

    /** Where to reach a server bound to {@code host}: the loopback address for a wildcard, else that address. */
    private static InetAddress loopbackFor(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a;
        } catch (java.net.UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static String uriHost(InetAddress a) {
        String text = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int scope = text.indexOf('%');
            return "[" + (scope < 0 ? text : text.substring(0, scope)) + "]";
        }
        return text;
    }

    /**
     * Trusts the one certificate the server itself presents, whatever names it holds: the warm-up talks to
     * its own port over loopback, where the certificate's host names would not match.
     */
    private static final class PinnedTrust extends X509ExtendedTrustManager {
        private final Certificate own;

        PinnedTrust(Certificate own) {
            this.own = own;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(own)) {
                throw new CertificateException("not this server's own certificate");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the warm-up is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the warm-up is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the warm-up is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
