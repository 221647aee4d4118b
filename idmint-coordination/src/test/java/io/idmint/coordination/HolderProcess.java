package io.idmint.coordination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link LeaseHolderMain} child JVM whose stdout lines are collected, and that a test can kill -9, stop and continue. */
final class HolderProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    HolderProcess(Backend backend, String cluster, WorkerRange range, Duration ttl, Duration recycle) throws IOException {
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LeaseHolderMain.class.getName(), backend.name(), backend.address(),
                cluster, range.toString(), Long.toString(ttl.toMillis()), Long.toString(recycle.toMillis())).start();
        Thread out = new Thread(this::readStdout, "holder-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> {
            try (BufferedReader r = process.errorReader(StandardCharsets.UTF_8)) {
                r.lines().forEach(l -> stderr.append(l).append('\n'));
            } catch (IOException e) {
                stderr.append(e);
            }
        }, "holder-stderr");
        err.setDaemon(true);
        err.start();
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            stderr.append("stdout: ").append(e);
        }
    }

    /** Waits until a line after index {@code from} matches; returns its index. */
    int awaitLine(int from, Predicate<String> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lines) {
            for (int i = from; ; ) {
                for (; i < lines.size(); i++) {
                    if (wanted.test(lines.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && i >= lines.size()) {
                    throw new AssertionError("no matching line from the holder within " + within + "; last lines: "
                            + lines.subList(Math.max(0, lines.size() - 5), lines.size()) + "\nstderr: " + stderr);
                }
                lines.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until {@code count} more ID lines than {@code from} have arrived; returns the index after them. */
    int awaitIds(int from, int count, Duration within) throws InterruptedException {
        int at = from;
        for (int i = 0; i < count; i++) {
            at = awaitLine(at, l -> l.startsWith("id "), within) + 1;
        }
        return at;
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        process.onExit().join();
    }
}
