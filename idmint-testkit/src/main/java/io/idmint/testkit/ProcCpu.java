package io.idmint.testkit;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * CPU time from Linux's /proc, for the figures that carry across noisy machines: a server process's user +
 * system time ({@code utime + stime} of {@code /proc/PID/stat}, in ticks of {@code CLK_TCK}), this JVM's own
 * CPU time (the load generator), and the whole machine's busy time ({@code /proc/stat}), so that what other
 * processes took in the same window can be told apart. Sample before and after a window and subtract.
 *
 * <p>Resolution: one tick (10 ms at the usual {@code CLK_TCK} of 100) per reading of /proc; over a window of
 * several seconds of server CPU that is well under 1%.
 */
public final class ProcCpu {
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long pid;
    private final long nanosPerTick;

    /** {@code pid}: the process to follow (-1: none); {@code clkTck}: the kernel's USER_HZ ({@code getconf CLK_TCK}). */
    public ProcCpu(long pid, long clkTck) {
        if (clkTck <= 0) {
            throw new IllegalArgumentException("CLK_TCK must be positive: " + clkTck);
        }
        this.pid = pid;
        this.nanosPerTick = 1_000_000_000L / clkTck;
    }

    /** A reading now: wall clock, the followed process, this JVM, the machine's busy time (-1 where unknown). */
    public Sample sample() {
        return new Sample(System.nanoTime(), processNanos(pid), os.getProcessCpuTime(), machineBusyNanos());
    }

    /** The kernel's USER_HZ ({@code getconf CLK_TCK}), the unit of /proc's CPU times; 100 (Linux's) if unknown. */
    public static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * utime + stime of {@code pid} and every process under it (a database's postmaster and its backends), in
     * nanoseconds; a process gone meanwhile counts 0.
     */
    public long processTreeNanos(long pid) {
        long total = Math.max(0, processNanos(pid));
        for (ProcessHandle p : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(java.util.List.of())) {
            total += Math.max(0, processNanos(p.pid()));
        }
        return total;
    }

    /** utime + stime of {@code pid} in nanoseconds (tick resolution), or -1 if it cannot be read. */
    public long processNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name, field 2, is in parentheses and may hold spaces: count fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * nanosPerTick; // fields 14 and 15: utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long machineBusyNanos() {
        try {
            // cpu  user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy * nanosPerTick;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** One reading; nanoseconds, -1 where unknown. */
    public record Sample(long wallNanos, long process, long self, long machine) {
        /** What happened between {@code earlier} and this reading. */
        public Window since(Sample earlier) {
            long wall = wallNanos - earlier.wallNanos;
            long p = process < 0 || earlier.process < 0 ? -1 : process - earlier.process;
            long s = self - earlier.self;
            long other = p < 0 || machine < 0 || earlier.machine < 0 ? -1
                    : Math.max(0, machine - earlier.machine - p - s);
            return new Window(wall, p, s, other);
        }
    }

    /** CPU nanoseconds over a window of {@code wallNanos}: the followed process, this JVM, everything else (-1 = unknown). */
    public record Window(long wallNanos, long process, long self, long other) {
        public double cores(long cpuNanos) {
            return cpuNanos < 0 || wallNanos <= 0 ? -1 : (double) cpuNanos / wallNanos;
        }
    }
}
