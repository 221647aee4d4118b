package io.idmint.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's postgresql-15 package) on a free 127.0.0.1 port, in a fresh temporary
 * directory: {@code initdb} with trust authentication for the user {@code postgres}, then the postmaster.
 * As root, the server runs as the system user {@code postgres} (through {@code runuser}), since PostgreSQL
 * refuses to run as root; otherwise as the current user. {@code fsync=off}: a SIGKILL of the server loses
 * nothing the kernel has (what {@link #kill9()} tests), only a power cut would.
 *
 * <p>{@link #kill9()} is a crash of the postmaster (its backends notice and exit); {@link #start()} again
 * recovers from the write-ahead log on the same data and port. {@link #close()} stops the server and deletes
 * the whole directory; a JVM that exits without closing one closes it on the way out.
 */
public final class Postgres implements AutoCloseable {
    private static final Set<Postgres> OPEN = ConcurrentHashMap.newKeySet();
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Postgres::close), "postgres-cleanup"));
    }

    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private volatile Process server;

    private Postgres(Path dir) {
        this.dir = dir;
        this.port = FreePorts.loopback();
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        OPEN.add(this);
    }

    /** A started server, with only the {@code postgres} database, in a fresh temporary directory. */
    public static Postgres launch() throws IOException, InterruptedException {
        Postgres pg = new Postgres(Files.createTempDirectory("idmint-pg"));
        try {
            pg.initdb();
            pg.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    /** The directory of PostgreSQL's programs ({@code initdb}, {@code pg_ctl}, {@code psql}). */
    public static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder());
            if (newest.isPresent()) {
                return newest.get();
            }
        } catch (IOException e) {
            // fall through to the message naming the package
        }
        throw new IllegalStateException("PostgreSQL is not installed: bin/test installs Debian's postgresql-15 package"
                + " (apt-get install -y --no-install-recommends postgresql-15)");
    }

    public int port() {
        return port;
    }

    /** Where the data, the socket and the log live; deleted at {@link #close()}. */
    public Path directory() {
        return dir;
    }

    /** The user to connect as (trust authentication: no password). */
    public String user() {
        return "postgres";
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates an empty database and returns its JDBC URL.
     *
     * @throws IllegalArgumentException when the name is not a plain lower-case identifier
     */
    public String createDatabase(String name) throws IOException, InterruptedException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME.pattern() + ": name=" + name);
        }
        psql("postgres", "CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /**
     * Runs SQL through {@code psql} over the server's socket and returns what it printed: unaligned, tuples
     * only, one row a line, columns separated by {@code |}.
     *
     * @throws IOException with psql's output when it fails
     */
    public String psql(String database, String sql) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), binaries().resolve("psql").toString(), "-h", dir.toString(), "-p",
                Integer.toString(port), "-U", user(), "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t", "-c", sql).trim();
    }

    private void initdb() throws IOException, InterruptedException {
        if (asPostgresUser) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        run(Duration.ofSeconds(60), binaries().resolve("initdb").toString(), "-D", data().toString(), "-A", "trust",
                "-U", user(), "--no-sync", "-E", "UTF8", "--locale=C");
    }

    /**
     * Starts the server (again, after {@link #kill9()}, on the same data and port); returns once it accepts
     * connections. The postmaster runs in the foreground as a child of this JVM (through {@code runuser} as
     * root), not daemonized by {@code pg_ctl}: a killed postmaster is then reaped at once, whereas an adopted
     * one could linger as a zombie whose PID still holds postmaster.pid and blocks the restart.
     */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(binaries().resolve("postgres").toString(), "-D", data().toString(),
                "-c", "listen_addresses=127.0.0.1", "-p", Integer.toString(port), "-k", dir.toString(),
                "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=50"));
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile())).start();
        awaitReady();
    }

    /** postmaster.pid's 8th line turns {@code ready} once connections are accepted (after any crash recovery). */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Process p = server;
        while (System.nanoTime() - deadline < 0) {
            if (!p.isAlive()) {
                throw new IOException("postgres exited with " + p.exitValue() + logTail());
            }
            try {
                List<String> lines = Files.readAllLines(data().resolve("postmaster.pid"), StandardCharsets.UTF_8);
                if (lines.size() > 7 && "ready".equals(lines.get(7).trim()) && Long.parseLong(lines.get(0).trim()) != 0
                        && postmaster().isPresent()) {
                    return;
                }
            } catch (IOException | NumberFormatException e) {
                // not written yet, or a stale file from before a kill9 still being replaced
            }
            p.waitFor(20, TimeUnit.MILLISECONDS); // poll pacing while the server starts or recovers
        }
        throw new IOException("postgres on port " + port + " not ready within " + START_TIMEOUT + logTail());
    }

    /**
     * SIGKILL the postmaster, as a crash would, and wait until it and its backends are gone (they exit by
     * themselves when they notice; ones that linger are killed too, so the next {@link #start()} finds the
     * shared memory free).
     */
    public void kill9() throws InterruptedException {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        List<ProcessHandle> backends = postmaster.get().children().toList();
        postmaster.get().destroyForcibly();
        Process p = server;
        if (p != null) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
        awaitExit(postmaster.get(), Duration.ofSeconds(30));
        for (ProcessHandle backend : backends) {
            if (!awaitExit(backend, Duration.ofSeconds(5))) {
                backend.destroyForcibly();
                awaitExit(backend, Duration.ofSeconds(30));
            }
        }
    }

    /** Whether the postmaster runs now. */
    public boolean running() {
        return postmaster().isPresent();
    }

    /**
     * Waits until the process is gone or a zombie: backends orphaned by a killed postmaster are reaped by
     * whoever adopts them, maybe late, and {@link ProcessHandle#isAlive()} counts a zombie as alive.
     */
    private static boolean awaitExit(ProcessHandle p, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (alive(p)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            p.onExit().completeOnTimeout(p, 10, TimeUnit.MILLISECONDS).join(); // poll pacing: no exit event for a zombie
        }
        return true;
    }

    /** Alive and not a zombie ({@code /proc/PID/stat}'s state field, after the parenthesised name). */
    static boolean alive(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || stat.length() < afterName + 3 || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    Optional<ProcessHandle> postmaster() {
        Path pidFile = data().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(Postgres::alive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the server (immediate shutdown: no checkpoint, but its shared memory is released) and deletes the directory. */
    @Override
    public void close() {
        try {
            if (running()) {
                run(Duration.ofSeconds(30), binaries().resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate",
                        "-w", "stop");
            }
            Process p = server;
            if (p != null) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException e) {
            System.getLogger(Postgres.class.getName()).log(System.Logger.Level.WARNING, "pg_ctl stop failed; killing", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseSharedMemory();
        OPEN.remove(this);
        deleteTree(dir);
    }

    /**
     * A postmaster killed and never started again leaves its small System V segment behind (a restart would
     * have removed it): postmaster.pid names it on line 7 ({@code key shmid}).
     */
    private void releaseSharedMemory() {
        try {
            List<String> lines = Files.readAllLines(data().resolve("postmaster.pid"), StandardCharsets.UTF_8);
            String[] keyAndId = lines.size() > 6 ? lines.get(6).trim().split("\\s+") : new String[0];
            if (keyAndId.length == 2) {
                new ProcessBuilder("ipcrm", "-m", keyAndId[1]).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // no pid file: the server shut down cleanly and released it itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Runs a PostgreSQL program (as {@code postgres} when root) and fails with its output when it fails. */
    private String run(Duration within, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Path output = Files.createTempFile("idmint-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", full) + " did not finish within " + within + ": " + Files.readString(output));
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " exited with " + p.exitValue() + ": " + Files.readString(output)
                        + logTail());
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("log"));
            return "\nserver log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(Postgres.class.getName()).log(System.Logger.Level.WARNING, "could not delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "postgres " + jdbcUrl();
    }
}
