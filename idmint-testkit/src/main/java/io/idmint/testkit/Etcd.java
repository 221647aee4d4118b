package io.idmint.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real etcd (Debian's etcd-server package, which {@code bin/test} installs) on free 127.0.0.1 ports: one
 * member, or a cluster of several as users run it. {@link #kill9()} is a crash; {@link #start()} again
 * reuses the data directories, so keys and leases survive as they would a crash. Single members can be
 * killed, frozen (SIGSTOP: to everybody else it is partitioned away) and brought back.
 *
 * <p>{@link #close()} deletes the members' data directories (etcd preallocates 64 MB of write-ahead log per
 * member, so a test run that left them behind would fill the disk); a temporary etcd ({@link #launch()},
 * {@link #launchCluster(int)}) deletes its whole directory, logs included. A JVM that exits without closing
 * an etcd closes it on the way out, so no etcd outlives its test run (one killed with SIGKILL still does).
 */
public final class Etcd implements AutoCloseable {
    private static final Set<Etcd> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Etcd::close), "etcd-cleanup"));
    }

    private final Path dir;
    private final boolean temporary;
    private final int[] clientPorts;
    private final int[] peerPorts;
    private final Process[] processes;

    private Etcd(Path dir, int members, boolean temporary) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.temporary = temporary;
        this.clientPorts = new int[members];
        this.peerPorts = new int[members];
        this.processes = new Process[members];
        for (int i = 0; i < members; i++) {
            clientPorts[i] = FreePorts.loopback();
            peerPorts[i] = FreePorts.loopback();
        }
        OPEN.add(this);
    }

    /** A one-member etcd that keeps its data and log under {@code dir}; not started yet. */
    public static Etcd in(Path dir) throws IOException {
        return new Etcd(dir, 1, false);
    }

    /** A {@code members}-member cluster under {@code dir} (1, 3 or 5); not started yet. */
    public static Etcd cluster(Path dir, int members) throws IOException {
        checkMembers(members);
        return new Etcd(dir, members, false);
    }

    /** A started one-member etcd in a fresh temporary directory. */
    public static Etcd launch() throws IOException, InterruptedException {
        return launchCluster(1);
    }

    /** A started {@code members}-member cluster (1, 3 or 5) in a fresh temporary directory. */
    public static Etcd launchCluster(int members) throws IOException, InterruptedException {
        checkMembers(members);
        Etcd etcd = new Etcd(Files.createTempDirectory("idmint-etcd"), members, true);
        try {
            etcd.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            etcd.close();
            throw e;
        }
        return etcd;
    }

    private static void checkMembers(int members) {
        if (members != 1 && members != 3 && members != 5) {
            throw new IllegalArgumentException("etcd members must be 1, 3 or 5: members=" + members);
        }
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

    Path directory() {
        return dir;
    }

    public int members() {
        return processes.length;
    }

    /** Every member's client endpoint, comma-separated, e.g. {@code http://127.0.0.1:40123}. */
    public String address() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < members(); i++) {
            all.add(clientUrl(i));
        }
        return String.join(",", all);
    }

    private String clientUrl(int member) {
        return "http://127.0.0.1:" + clientPorts[member];
    }

    private String peerUrl(int member) {
        return "http://127.0.0.1:" + peerPorts[member];
    }

    /** Starts (or restarts on the same data and ports) every member and returns once each reports itself healthy. */
    public void start() throws IOException, InterruptedException {
        for (int i = 0; i < members(); i++) {
            launch(i);
        }
        for (int i = 0; i < members(); i++) {
            awaitHealthy(i, Duration.ofSeconds(30));
        }
    }

    /** Starts one member again on its data; returns once the cluster reports it healthy. */
    public void start(int member) throws IOException, InterruptedException {
        launch(member);
        awaitHealthy(member, Duration.ofSeconds(30));
    }

    private void launch(int member) throws IOException {
        String initialCluster = java.util.stream.IntStream.range(0, members()).mapToObj(i -> "n" + i + "=" + peerUrl(i))
                .collect(Collectors.joining(","));
        processes[member] = new ProcessBuilder(binary().toString(), "--name", "n" + member,
                "--data-dir", dir.resolve("data-" + member).toString(),
                "--listen-client-urls", clientUrl(member), "--advertise-client-urls", clientUrl(member),
                "--listen-peer-urls", peerUrl(member), "--initial-advertise-peer-urls", peerUrl(member),
                "--initial-cluster", initialCluster, "--initial-cluster-state", "new")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd-" + member + ".log").toFile()))
                .start();
    }

    private void awaitHealthy(int member, Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(clientUrl(member) + "/health")).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        Process p = processes[member];
        while (System.nanoTime() - deadline < 0) {
            if (!p.isAlive()) {
                throw new IllegalStateException("etcd member " + member + " exited with " + p.exitValue() + "; see "
                        + dir.resolve("etcd-" + member + ".log"));
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
            p.waitFor(50, TimeUnit.MILLISECONDS); // poll pacing while etcd starts
        }
        throw new IllegalStateException("etcd member " + member + " on " + clientUrl(member) + " not healthy within " + within
                + ": " + last);
    }

    /** SIGKILL every member, and wait for them to be gone. */
    public void kill9() throws InterruptedException {
        for (int i = 0; i < members(); i++) {
            kill9(i);
        }
    }

    /** SIGKILL one member, and wait for it to be gone. */
    public void kill9(int member) throws InterruptedException {
        Process p = processes[member];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** SIGSTOP one member: it holds its connections but answers nobody, as if partitioned away. */
    public void freeze(int member) throws IOException, InterruptedException {
        signal(member, "STOP");
    }

    public void thaw(int member) throws IOException, InterruptedException {
        signal(member, "CONT");
    }

    private void signal(int member, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(processes[member].pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " of etcd member " + member + " failed");
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
                p.onExit().join();
            }
        }
        OPEN.remove(this);
        if (temporary) {
            deleteTree(dir);
        } else {
            for (int i = 0; i < members(); i++) {
                deleteTree(dir.resolve("data-" + i));
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(Etcd.class.getName()).log(System.Logger.Level.WARNING, "could not delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "etcd " + address();
    }
}
