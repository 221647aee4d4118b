package io.idmint.benchmarks.batch;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM, of the server process and of the whole machine (Linux /proc), so a result can
 * say how many cores the client, the server and everything else used while it was measured. Client and
 * server share the machine: a busy neighbour (a build, another benchmark) shows up as "other".
 */
final class CpuMeter {
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long serverPid;
    private final long nanosPerTick;

    /** {@code clkTck}: the kernel's USER_HZ (getconf CLK_TCK), the unit of /proc's CPU times. */
    CpuMeter(long serverPid, long clkTck) {
        this.serverPid = serverPid;
        this.nanosPerTick = 1_000_000_000L / clkTck;
    }

    /** CPU nanoseconds so far: this JVM, the server (-1 if unknown), the machine's busy time (-1 if unknown). */
    Sample sample() {
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), serverNanos(), machineBusyNanos());
    }

    private long serverNanos() {
        if (serverPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * nanosPerTick; // utime + stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long machineBusyNanos() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0); // cpu user nice system idle iowait irq softirq steal
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

    record Sample(long wallNanos, long client, long server, long machine) {
        /** Cores used between {@code earlier} and this sample: client, server, other processes (-1 = unknown). */
        double[] coresSince(Sample earlier) {
            double wall = wallNanos - earlier.wallNanos;
            double c = (client - earlier.client) / wall;
            double s = server < 0 || earlier.server < 0 ? -1 : (server - earlier.server) / wall;
            double other = s < 0 || machine < 0 || earlier.machine < 0 ? -1
                    : Math.max(0, (machine - earlier.machine) / wall - c - s);
            return new double[] {c, s, other};
        }
    }
}
