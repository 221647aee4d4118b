package io.idmint.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis (Debian's redis-server package) on a free 127.0.0.1 port with its data directory in a fresh
 * temporary directory: no RDB snapshots, and the append-only file as asked ({@link #launch()} is the durable
 * setting, {@code appendonly yes} with {@code appendfsync always}). {@link #kill9()} is a crash; {@link #start()}
 * again replays the append-only file on the same port. {@link #close()} kills the server and deletes the
 * directory; a JVM that exits without closing one closes it on the way out.
 */
public final class Redis implements AutoCloseable {
    private static final Set<Redis> OPEN = ConcurrentHashMap.newKeySet();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Redis::close), "redis-cleanup"));
    }

    private final Path dir;
    private final int port;
    private final List<String> settings;
    private volatile Process process;

    private Redis(Path dir, List<String> settings) {
        this.dir = dir;
        this.port = FreePorts.loopback();
        this.settings = settings;
        OPEN.add(this);
    }

    /** A started Redis that fsyncs every write before answering: {@code appendonly yes}, {@code appendfsync always}. */
    public static Redis launch() throws IOException, InterruptedException {
        return launch(true, "always");
    }

    /**
     * A started Redis with the given persistence and any further settings, e.g.
     * {@code "--rename-command", "CONFIG", ""} for a managed Redis that hides CONFIG.
     *
     * @param appendFsync {@code always}, {@code everysec} or {@code no}
     */
    public static Redis launch(boolean appendOnly, String appendFsync, String... extraSettings)
            throws IOException, InterruptedException {
        if (!List.of("always", "everysec", "no").contains(appendFsync)) {
            throw new IllegalArgumentException("appendfsync must be always, everysec or no: appendfsync=" + appendFsync);
        }
        List<String> settings = new ArrayList<>(List.of("--appendonly", appendOnly ? "yes" : "no", "--appendfsync", appendFsync));
        settings.addAll(List.of(extraSettings));
        Redis redis = new Redis(Files.createTempDirectory("idmint-redis"), List.copyOf(settings));
        try {
            redis.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    public static Path binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("Redis is not installed: bin/test installs Debian's redis-server package"
                + " (apt-get install -y --no-install-recommends redis-server)");
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The data directory (append-only files) and the log; deleted at {@link #close()}. */
    public Path directory() {
        return dir;
    }

    /** Starts the server (again, after {@link #kill9()}, on the same data and port); returns once it answers PING. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--dir", dir.toString(), "--save", "", "--daemonize", "no", "--protected-mode", "yes",
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitPong();
    }

    private void awaitPong() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        Process p = process;
        while (System.nanoTime() - deadline < 0) {
            if (!p.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + p.exitValue() + "; see " + dir.resolve("redis.log"));
            }
            try {
                last = ping();
                if ("+PONG".equals(last)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            p.waitFor(20, TimeUnit.MILLISECONDS); // poll pacing while Redis starts or loads its append-only file
        }
        throw new IllegalStateException("redis-server on " + uri() + " did not answer PING within " + START_TIMEOUT + ": " + last);
    }

    /** One inline PING: {@code +PONG} when serving, {@code -LOADING ...} while it replays its file. */
    private String ping() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line == null ? "connection closed" : line;
        }
    }

    /**
     * Runs one command through {@code redis-cli} and returns its reply as redis-cli prints it without a
     * terminal (raw: one line per element, no quotes).
     *
     * @throws IOException with the output when redis-cli fails or Redis answers with an error
     */
    public String cli(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.startsWith("ERR") || out.startsWith("(error)")) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", full) + " failed: " + out);
        }
        return out;
    }

    /** Whether the server process runs now. */
    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** SIGKILL the server, as a crash would, and wait for it to be gone. */
    public void kill9() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Override
    public void close() {
        try {
            kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OPEN.remove(this);
        Postgres.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "redis " + uri() + " " + String.join(" ", settings);
    }
}
