package io.idmint.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd server (Debian's etcd-server package, which {@code bin/test} installs) as a child process on
 * free 127.0.0.1 ports. {@link #kill9()} is a crash; {@link #start()} again reuses the data directory, so
 * keys and leases survive as they would a crash.
 */
public final class Etcd implements AutoCloseable {
    private final Path dir;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    private Etcd(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.clientPort = FreePorts.loopback();
        this.peerPort = FreePorts.loopback();
    }

    /** An etcd that keeps its data and log under {@code dir}; not started yet. */
    public static Etcd in(Path dir) throws IOException {
        return new Etcd(dir);
    }

    /** A started etcd in a fresh temporary directory. */
    public static Etcd launch() throws IOException, InterruptedException {
        Etcd etcd = new Etcd(Files.createTempDirectory("idmint-etcd"));
        etcd.start();
        return etcd;
    }

    public static Path binary() {
        for (String candidate : List.of("/usr/bin/etcd", "/usr/local/bin/etcd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("etcd is not installed: bin/test installs Debian's etcd-server package"
                + " (apt-get install -y --no-install-recommends etcd-server)");
    }

    /** The client endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public String address() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** Starts (or restarts on the same data and ports) and returns once etcd reports itself healthy. */
    public void start() throws IOException, InterruptedException {
        String client = address();
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(binary().toString(), "--name", "n1", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "n1=" + peer)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
                .start();
        awaitHealthy(Duration.ofSeconds(30));
    }

    private void awaitHealthy(Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(address() + "/health")).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + dir.resolve("etcd.log"));
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // poll pacing while etcd starts
        }
        throw new IllegalStateException("etcd on " + address() + " not healthy within " + within + ": " + last);
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    @Override
    public String toString() {
        return "etcd " + address();
    }
}
