package io.idmint.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's resident set size, VmRSS from {@code /proc/PID/status} (Linux): what the operating system
 * actually holds for the process (heap, metaspace, code cache, thread stacks, direct buffers, malloc
 * arenas), the figure a leak anywhere in the process shows up in.
 */
final class ServerMemory {
    private final Path status;

    ServerMemory(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    /** VmRSS in KiB, or -1 when the process is gone. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            return -1; // a zombie has no VmRSS line: it is gone as far as memory goes
        } catch (IOException e) {
            return -1;
        }
    }

    static double mib(long kib) {
        return kib / 1024.0;
    }
}
