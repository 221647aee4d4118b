package io.idmint.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One idmint process of the cluster (a service or a node) and the nemesis's handles on it: start, kill -9,
 * SIGSTOP/SIGCONT, SIGTERM, and the test-only clock offset (the hidden {@code --test-clock-offset-file}
 * flag). A member keeps its slot, ports and log across restarts; each start is a new incarnation.
 */
abstract class Member {
    private static final Pattern WORKER = Pattern.compile("worker (-?\\d+)");
    private static final Pattern CLOCK_ACK = Pattern.compile("TEST clock offset now (-?\\d+) ms");
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    final int slot;
    final ClusterSettings settings;
    private final Path clockFile;
    private final PrintStream log;
    private final LinkedBlockingQueue<Long> clockAcks = new LinkedBlockingQueue<>();
    private volatile Process process;
    private volatile CountDownLatch ready = new CountDownLatch(1);
    private volatile CountDownLatch workerKnown = new CountDownLatch(1);
    private volatile int worker = -1;
    private volatile int incarnation;
    private volatile long offsetMillis;

    Member(int slot, ClusterSettings settings) throws IOException {
        this.slot = slot;
        this.settings = settings;
        this.clockFile = settings.workDir().resolve("member-" + slot + ".clock-offset");
        this.log = new PrintStream(Files.newOutputStream(settings.workDir().resolve("member-" + slot + ".log")), true,
                StandardCharsets.UTF_8);
    }

    /** The subcommand and its flags, after {@code java -jar idmint.jar}. */
    abstract List<String> arguments();

    /** Called once the process runs; nodes start their protocol reader and send init here. */
    void spawned(Process p) throws IOException {}

    /** Called when the process is gone (killed, stopped, exited). */
    void gone() {}

    /** Starts a new incarnation with its wall clock {@code clockOffsetMillis} off, and waits until it serves. */
    final void start(long clockOffsetMillis) throws IOException, InterruptedException {
        writeClockFile(clockOffsetMillis);
        offsetMillis = clockOffsetMillis;
        clockAcks.clear();
        ready = new CountDownLatch(1);
        workerKnown = new CountDownLatch(1);
        worker = -1;
        List<String> cmd = new ArrayList<>(List.of(ClusterSettings.javaBin()));
        cmd.addAll(List.of(ClusterSettings.MEMBER_JVM));
        cmd.addAll(List.of("-jar", settings.idmintJar().toString()));
        cmd.addAll(arguments());
        cmd.addAll(List.of("--test-clock-offset-file", clockFile.toString()));
        incarnation++;
        log.println("== harness: start incarnation " + incarnation + " with clock offset " + clockOffsetMillis + " ms");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (!usesStdout()) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        process = p;
        pumpStderr(p, incarnation);
        spawned(p);
        awaitReady(p);
    }

    /** Whether this member's stdout carries a protocol (a node) rather than nothing of interest (a service). */
    boolean usesStdout() {
        return false;
    }

    /** Serving, and its log named the worker ID it leased (a node logs it next to its init_ok reply). */
    private void awaitReady(Process p) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!ready.await(100, TimeUnit.MILLISECONDS) || !workerKnown.await(100, TimeUnit.MILLISECONDS)) {
            if (!p.isAlive()) {
                gone();
                throw new MemberFailedException(this + " exited with " + p.exitValue() + " before serving; see "
                        + settings.workDir().resolve("member-" + slot + ".log"));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new MemberFailedException(this + " not serving within 60 s; see member-" + slot + ".log");
            }
        }
    }

    private void pumpStderr(Process p, int inc) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.println("[" + inc + "] " + line);
                    stderrLine(line);
                }
            } catch (IOException e) {
                log.println("[" + inc + "] harness: stderr closed: " + e);
            }
        }, "member-" + slot + "-stderr");
        t.setDaemon(true);
        t.start();
    }

    private void stderrLine(String line) {
        Matcher clock = CLOCK_ACK.matcher(line);
        if (clock.find()) {
            clockAcks.add(Long.parseLong(clock.group(1)));
        }
        // serve logs "idmint: generator default (SCHEME): datacenter D, worker W (...)" once it serves; a node
        // logs "issues IDs of generator default (SCHEME) as datacenter D, worker W" when init made it ready.
        // A segment generator has no worker: it says worker -1.
        if (line.contains("idmint: generator default (") || line.contains("issues IDs of generator default (")) {
            Matcher w = WORKER.matcher(line);
            if (w.find()) {
                worker = Integer.parseInt(w.group(1));
                workerKnown.countDown();
            }
            if (!usesStdout()) {
                markReady();
            }
        }
    }

    final void markReady() {
        ready.countDown();
    }

    final void kill9() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        p.waitFor();
        gone();
        log.println("== harness: kill -9");
    }

    /** SIGTERM and wait for a graceful exit (the lease is released with the exact last timestamp). */
    void terminate() throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            gone();
            return;
        }
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            log.println("== harness: no exit 20 s after SIGTERM: kill -9");
            p.destroyForcibly();
            p.waitFor();
        }
        gone();
        log.println("== harness: exited after SIGTERM with " + p.exitValue());
    }

    final void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    final void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        log.println("== harness: SIG" + name);
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new MemberFailedException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Steps the running process's wall clock to {@code offsetMillis} off and waits until it says it applied it. */
    final void clockOffset(long offsetMillis) throws IOException, InterruptedException {
        if (offsetMillis == this.offsetMillis) {
            return; // the process logs changes only
        }
        writeClockFile(offsetMillis);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (;;) {
            Long ack = clockAcks.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (ack == null) {
                throw new MemberFailedException(this + " did not apply clock offset " + offsetMillis + " ms within 5 s");
            }
            if (ack == offsetMillis) {
                this.offsetMillis = offsetMillis;
                return;
            }
        }
    }

    private void writeClockFile(long offsetMillis) throws IOException {
        Path tmp = clockFile.resolveSibling(clockFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(offsetMillis), StandardCharsets.UTF_8);
        Files.move(tmp, clockFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    final Process process() {
        return process;
    }

    final boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The worker ID the current incarnation leased, or -1 before it said (and always for a segment generator). */
    final int worker() {
        return worker;
    }

    final int incarnation() {
        return incarnation;
    }

    final void logLine(String line) {
        log.println(line);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " " + slot;
    }

    /** A member could not be started or signalled: the run cannot go on as scheduled. */
    static final class MemberFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MemberFailedException(String message) {
            super(message);
        }
    }
}
