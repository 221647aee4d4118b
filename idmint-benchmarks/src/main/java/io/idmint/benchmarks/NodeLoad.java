package io.idmint.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Load generator for the node's stdin/stdout protocol. Spawns the node command, pipes pre-built
 * {@code generate} requests from several clients (interleaved, without waiting for replies), and
 * times from the first byte written to the last reply read. Checks that every request got a
 * {@code generate_ok} and that all IDs are unique. Then measures single-request latency: one request
 * at a time, each waiting for its reply.
 *
 * <p>Beside the rate it reports the node process's CPU time (user + sys, {@link ProcessHandle.Info#totalCpuDuration})
 * per request: over the burst alone (the steady state), and from the process's start to the burst's end (JVM
 * start and warm-up included), since CPU per request is what carries across machines of different speeds.
 *
 * <p>Usage: {@code NodeLoad REQUESTS CLIENTS PINGS -- NODE-COMMAND...}, or {@code NodeLoad --write FILE REQUESTS
 * CLIENTS} to write the same {@code init} and requests to a file for a plain {@code node < FILE} run.
 */
public final class NodeLoad {
    private NodeLoad() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--write")) {
            try (OutputStream out = new BufferedOutputStream(java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[1])), 1 << 16)) {
                out.write(line("c0", "init", 1, ",\"node_id\":\"n1\",\"node_ids\":[\"n1\"]"));
                out.write(buildRequests(Integer.parseInt(args[2]), Integer.parseInt(args[3])));
            }
            return;
        }
        int requests = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        int pings = Integer.parseInt(args[2]);
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(4, args.length));
        byte[] payload = buildRequests(requests, clients);
        Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            long[] ids = new long[requests];
            OutputStream toNode = node.getOutputStream();
            InputStream fromNode = node.getInputStream();
            toNode.write(line("c0", "init", 1, ",\"node_id\":\"n1\",\"node_ids\":[\"n1\"]"));
            toNode.flush();
            ReplyScanner replies = new ReplyScanner(fromNode);
            replies.expect("init_ok");
            long cpuAtStart = cpuNanos(node);
            long start = System.nanoTime();
            Thread writer = new Thread(() -> writeAll(toNode, payload), "load-writer");
            writer.start();
            for (int i = 0; i < requests; i++) {
                ids[i] = replies.expectId("generate_ok");
            }
            long elapsed = System.nanoTime() - start;
            long cpuAtEnd = cpuNanos(node);
            writer.join();
            long[] latencies = pingPong(toNode, replies, pings);
            toNode.close();
            report(requests, clients, elapsed, ids, latencies);
            System.out.printf(Locale.ROOT, "node: CPU (user + sys) per request: %.3f µs over the burst, %.3f µs from the JVM's start%n",
                    (cpuAtEnd - cpuAtStart) / 1e3 / requests, cpuAtEnd / 1e3 / requests);
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The node process's CPU time so far (user + sys), or -1 where the platform does not say. */
    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static byte[] line(String client, String type, long msgId, String extra) {
        return ("{\"src\":\"" + client + "\",\"dest\":\"n1\",\"body\":{\"type\":\"" + type + "\",\"msg_id\":" + msgId + extra
                + "}}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] buildRequests(int requests, int clients) {
        StringBuilder sb = new StringBuilder(requests * 64);
        for (int i = 0; i < requests; i++) {
            sb.append("{\"src\":\"c").append(1 + i % clients).append("\",\"dest\":\"n1\",\"body\":{\"type\":\"generate\",\"msg_id\":")
                    .append(2 + i / clients).append("}}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeAll(OutputStream out, byte[] payload) {
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            buffered.write(payload);
            buffered.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long[] pingPong(OutputStream toNode, ReplyScanner replies, int pings) throws IOException {
        long[] nanos = new long[pings];
        for (int i = 0; i < pings; i++) {
            byte[] request = line("c11", "generate", 10_000_000L + i, "");
            long t0 = System.nanoTime();
            toNode.write(request);
            toNode.flush();
            replies.expectId("generate_ok");
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void report(int requests, int clients, long elapsedNanos, long[] ids, long[] latencies) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        int duplicates = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                duplicates++;
            }
        }
        double seconds = elapsedNanos / 1e9;
        System.out.printf(Locale.ROOT, "node: %,d generate requests from %d clients, all answered in %.3f s = %,.0f requests/s%n",
                requests, clients, seconds, requests / seconds);
        System.out.printf(Locale.ROOT, "node: %,d unique IDs, %d duplicates%n", requests - duplicates, duplicates);
        if (latencies.length > 0) {
            System.out.printf(Locale.ROOT, "node: single request round trip over %,d pings: p50 %.1f µs, p99 %.1f µs, max %.1f µs%n",
                    latencies.length, pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1] / 1e3);
        }
        if (duplicates > 0) {
            System.exit(1);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }

    /**
     * Reads reply lines and pulls out the type and the id by scanning bytes, without a JSON library or
     * a String per line, so that the generator does not take the CPU the node needs.
     */
    static final class ReplyScanner {
        private static final byte[] ID_KEY = "\"id\":".getBytes(StandardCharsets.US_ASCII);
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private int lineStart;
        private int lineEnd;

        ReplyScanner(InputStream in) {
            this.in = in;
        }

        void expect(String type) throws IOException {
            next();
            if (!contains(("\"type\":\"" + type + "\"").getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("expected " + type + ", got " + current());
            }
        }

        long expectId(String type) throws IOException {
            next();
            // generate_ok puts "type" first in the body and "id" last: check the type's "_ok" and read the id.
            int i = lastIndexOf(ID_KEY);
            if (i < 0 || !contains(("\"" + type + "\"").getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("expected " + type + " with an id, got " + current());
            }
            long v = 0;
            for (int k = i + ID_KEY.length; k < lineEnd && buf[k] >= '0' && buf[k] <= '9'; k++) {
                v = v * 10 + (buf[k] - '0');
            }
            return v;
        }

        private String current() {
            return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
        }

        private boolean contains(byte[] needle) {
            outer:
            for (int i = lineStart; i <= lineEnd - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private int lastIndexOf(byte[] needle) {
            outer:
            for (int i = lineEnd - needle.length; i >= lineStart; i--) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private void next() throws IOException {
            int scan = pos;
            for (;;) {
                for (int i = scan; i < limit; i++) {
                    if (buf[i] == '\n') {
                        lineStart = pos;
                        lineEnd = i;
                        pos = i + 1;
                        return;
                    }
                }
                scan = fill();
            }
        }

        /** Moves the partial line to the front, reads more; returns where scanning resumes. */
        private int fill() throws IOException {
            int partial = limit - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, partial);
            } else if (partial == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            pos = 0;
            limit = partial;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                throw new IllegalStateException("node closed stdout");
            }
            limit += n;
            return partial;
        }
    }
}
