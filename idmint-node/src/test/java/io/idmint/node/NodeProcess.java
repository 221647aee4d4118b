package io.idmint.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real node process (a child JVM running {@link TestNodeMain}) driven over its stdin and stdout, as a
 * harness such as Maelstrom drives it. Every stdout line is checked: it must be a JSON object with
 * exactly the keys {@code src}, {@code dest} and {@code body}; anything else is recorded as a violation.
 */
final class NodeProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EOF = JSON.createObjectNode();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    NodeProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), TestNodeMain.class.getName()));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).start();
        stdin = process.getOutputStream();
        stdoutReader = new Thread(this::readStdout, "node-stdout");
        stderrReader = new Thread(this::readStderr, "node-stderr");
        stdoutReader.start();
        stderrReader.start();
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    violations.add("stdout line is not JSON: " + line);
                    continue;
                }
                Set<String> keys = new TreeSet<>();
                node.fieldNames().forEachRemaining(keys::add);
                if (!node.isObject() || !keys.equals(Set.of("body", "dest", "src"))) {
                    violations.add("stdout line must have exactly src, dest, body: " + line);
                }
                replies.add(node);
            }
        } catch (IOException e) {
            violations.add("reading stdout failed: " + e);
        } finally {
            replies.add(EOF);
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                    stderr.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process is gone; what was read is kept
        }
    }

    NodeProcess send(String line) throws IOException {
        return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    synchronized NodeProcess sendRaw(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
        return this;
    }

    /** The next reply; fails the test when none arrives within 30 s. */
    JsonNode reply() throws InterruptedException {
        JsonNode r = replies.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no reply within 30 s; stderr:\n" + stderr);
        }
        if (r == EOF) {
            throw new AssertionError("node closed stdout; stderr:\n" + stderr);
        }
        return r;
    }

    /** Sends one request and returns its reply's body. */
    JsonNode call(String line) throws Exception {
        send(line);
        return reply().get("body");
    }

    String stderr() {
        return stderr.toString();
    }

    /** Waits until stderr contains {@code text} (it travels on its own pipe, unordered with stdout). */
    String awaitStderr(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (stderr) {
            while (stderr.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("stderr never contained '" + text + "':\n" + stderr);
                }
                TimeUnit.NANOSECONDS.timedWait(stderr, left);
            }
            return stderr.toString();
        }
    }

    List<String> violations() {
        return violations;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Closes stdin and waits for the node to exit; returns its exit code. */
    int finish() throws Exception {
        stdin.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not exit after EOF on stdin");
        }
        stdoutReader.join(10_000);
        stderrReader.join(10_000);
        return process.exitValue();
    }

    /** Replies still queued (excluding EOF). */
    List<JsonNode> remaining() {
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<JsonNode> it = replies.iterator(); it.hasNext();) {
            JsonNode n = it.next();
            if (n != EOF) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static String init(String nodeId, int msgId) {
        return "{\"src\":\"c0\",\"dest\":\"" + nodeId + "\",\"body\":{\"type\":\"init\",\"msg_id\":" + msgId
                + ",\"node_id\":\"" + nodeId + "\",\"node_ids\":[\"n1\",\"n2\",\"n3\"]}}";
    }

    static String request(String src, String dest, String type, long msgId, String extra) {
        return "{\"src\":\"" + src + "\",\"dest\":\"" + dest + "\",\"body\":{\"type\":\"" + type + "\",\"msg_id\":" + msgId
                + extra + "}}";
    }
}
