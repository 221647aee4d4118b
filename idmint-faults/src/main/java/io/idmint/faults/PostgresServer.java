package io.idmint.faults;

import io.idmint.testkit.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one PostgreSQL every segment member takes its segments from (the test kit's: Debian's server on a free
 * 127.0.0.1 port, in a temporary directory it deletes at close), and the nemesis's handles on it: a crash
 * ({@link Postgres#kill9()}, then a restart on the same data) and a freeze (every PostgreSQL process stopped,
 * as a network partition looks to its clients: connections stay open, nothing answers).
 */
final class PostgresServer {
    static final String DATABASE = "idmint_faults";

    private final Postgres postgres;
    private final Path workDir;
    private final String jdbcUrl;
    private final List<ProcessHandle> frozen = new ArrayList<>();

    private PostgresServer(Postgres postgres, Path workDir, String jdbcUrl) {
        this.postgres = postgres;
        this.workDir = workDir;
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts PostgreSQL and creates the database the members use; closes it again when that fails. */
    static PostgresServer launch(Path workDir) throws IOException, InterruptedException {
        Postgres pg = Postgres.launch();
        try {
            return new PostgresServer(pg, workDir, pg.createDatabase(DATABASE));
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return postgres.user();
    }

    /** SIGKILL the postmaster; returns once it and its backends are gone. */
    void kill9() throws InterruptedException {
        postgres.kill9();
    }

    /** Starts it again on its data (crash recovery from the write-ahead log); returns once it accepts connections. */
    void start() throws IOException, InterruptedException {
        postgres.start();
    }

    /**
     * SIGSTOP to every PostgreSQL process: the postmaster and its children (backends, checkpointer, WAL
     * writer...). Listed again after each round of signals, since the postmaster may have forked a backend
     * between the listing and its own stop; once it is stopped, it forks nothing more.
     */
    void freeze() throws IOException, InterruptedException {
        Set<Long> stopped = new LinkedHashSet<>();
        for (List<ProcessHandle> fresh = unstopped(stopped); !fresh.isEmpty(); fresh = unstopped(stopped)) {
            signal("STOP", fresh);
            fresh.forEach(p -> stopped.add(p.pid()));
            frozen.addAll(fresh);
        }
        if (frozen.isEmpty()) {
            throw new IllegalStateException("no PostgreSQL process found to freeze under this JVM: " + binary());
        }
    }

    /**
     * SIGCONT to every process {@link #freeze()} stopped, and to the postmaster's parent when that is not this JVM:
     * as root the test kit runs the postmaster under {@code runuser}, which, like {@code su}, stops itself when its
     * child stops and would otherwise stay stopped, unable to reap a postmaster killed later (whose zombie then
     * holds postmaster.pid, and the restart fails).
     */
    void thaw() throws IOException, InterruptedException {
        List<ProcessHandle> alive = new ArrayList<>(frozen.stream().filter(ProcessHandle::isAlive).toList());
        Set<Long> pids = new LinkedHashSet<>();
        frozen.forEach(p -> pids.add(p.pid()));
        for (ProcessHandle p : frozen) {
            p.parent().filter(parent -> !pids.contains(parent.pid()) && parent.pid() != ProcessHandle.current().pid()
                    && parent.isAlive()).ifPresent(alive::add);
        }
        frozen.clear();
        if (!alive.isEmpty()) {
            signal("CONT", alive.stream().distinct().toList());
        }
    }

    /** How many processes the last {@link #freeze()} stopped (for the fault's detail). */
    int frozenCount() {
        return frozen.size();
    }

    /** The PostgreSQL processes this JVM started (its descendants running the postgres binary), less those in {@code except}. */
    private static List<ProcessHandle> unstopped(Set<Long> except) {
        String binary = binary();
        return ProcessHandle.current().descendants()
                .filter(p -> !except.contains(p.pid()) && p.info().command().map(binary::equals).orElse(false)).toList();
    }

    private static String binary() {
        return Postgres.binaries().resolve("postgres").toString();
    }

    private static void signal(String name, List<ProcessHandle> processes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + name));
        processes.forEach(p -> cmd.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // kill fails when one of them exited since the listing (a backend whose client hung up): fine, if only those.
        if (kill.waitFor() != 0 && processes.stream().allMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with " + kill.exitValue());
        }
    }

    /** Thaws what is still frozen, keeps the server's log beside the members' logs, and deletes its directory. */
    void close() throws IOException, InterruptedException {
        try {
            thaw(); // a stopped postmaster would not stop
            Path log = postgres.directory().resolve("log");
            if (Files.exists(log)) {
                Files.copy(log, workDir.resolve("postgres.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            postgres.close();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + jdbcUrl;
    }
}
