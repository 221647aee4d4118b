package io.idmint.benchmarks.batch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop batch GETs, {@code /api/v1/ids?count=N&format=number}: each worker thread sends the next
 * request as soon as the previous body is in. One {@link HttpClient} (HTTP/1.1) per worker, so each
 * worker keeps exactly one keep-alive connection of its own. Bodies are scanned as they stream in
 * ({@link JsonIdScanner}); a response counts only when its status is 200 and its body is well-formed.
 */
final class HttpBatchLoad implements Load {
    private final URI uri;
    private final int count;
    private final int connections;
    private final List<Tally> tallies = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private volatile boolean stopping;
    private volatile String error;

    HttpBatchLoad(int port, int count, int connections) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/api/v1/ids?count=" + count + "&format=number");
        this.count = count;
        this.connections = connections;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "HTTP GET count=%d format=number, %d keep-alive connection%s", count,
                connections, connections == 1 ? "" : "s");
    }

    @Override
    public void start() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        for (int i = 0; i < connections; i++) {
            // The client's own executor runs the body subscriber; a single thread keeps it off the common pool.
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> daemon(r, "batch-http-client"));
            executors.add(executor);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Tally tally = new Tally();
            tallies.add(tally);
            Thread t = daemon(() -> loop(client, request, tally), "batch-http-" + i);
            workers.add(t);
            t.start();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void loop(HttpClient client, HttpRequest request, Tally tally) {
        byte[] scratch = new byte[64 * 1024]; // the JDK client's buffers are 16 KiB (jdk.httpclient.bufsize)
        while (!stopping) {
            try {
                HttpResponse<Void> response = client.send(request, info -> info.statusCode() == 200
                        ? new JsonIdScanner(tally, count, scratch)
                        : HttpResponse.BodySubscribers.replacing(null));
                if (response.statusCode() != 200) {
                    fail("HTTP " + response.statusCode() + " from " + uri);
                    return;
                }
            } catch (IOException e) {
                if (!stopping) {
                    fail("GET " + uri + " failed: " + e);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public List<Tally> tallies() {
        return tallies;
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(30)); // the request in flight finishes: a batch takes milliseconds
            if (t.isAlive()) {
                fail(t.getName() + " did not finish its last request within 30 s");
            }
        }
        for (ExecutorService e : executors) {
            e.shutdownNow();
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
}
