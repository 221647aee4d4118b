package io.idmint.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code idmint node} process spoken to the way Maelstrom does: JSON lines on stdin, replies on stdout
 * matched by {@code in_reply_to}. Several clients share one node. A reply that arrives after its client
 * gave up is still recorded ("late"), so every ID the node issued reaches the checker.
 */
final class NodeMember extends Member {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INIT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String config;
    private final String nodeId;
    private final List<String> nodeIds;
    private final AtomicLong msgIds = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile OutputStream stdin;
    private volatile Thread reader;
    private volatile boolean serving;
    private volatile long initMsgId;

    private record Pending(Recording recording, CompletableFuture<JsonNode> reply) {}

    NodeMember(int slot, ClusterSettings settings, String config) throws IOException {
        super(slot, settings);
        this.config = config;
        this.nodeId = "n" + (slot + 1);
        this.nodeIds = java.util.stream.IntStream.rangeClosed(1, settings.members()).mapToObj(i -> "n" + i).toList();
    }

    @Override
    List<String> arguments() {
        return List.of("node", "--config", config);
    }

    @Override
    boolean usesStdout() {
        return true;
    }

    @Override
    void spawned(Process p) throws IOException {
        serving = false;
        stdin = p.getOutputStream();
        Thread t = new Thread(() -> readReplies(p), "node-" + slot + "-stdout");
        t.setDaemon(true);
        reader = t;
        t.start();
        sendInit();
    }

    private void sendInit() throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "init").put("node_id", nodeId);
        body.putPOJO("node_ids", nodeIds);
        initMsgId = send("c0", body);
    }

    /**
     * Fails every request still waiting, but keeps them: the old reader may still drain replies the dead
     * process wrote, and those IDs are then recorded as late rather than lost.
     */
    @Override
    void gone() {
        serving = false;
        IOException dead = new IOException(this + " is gone");
        pending.values().forEach(p -> p.reply.completeExceptionally(dead));
    }

    /** End of input, the way Maelstrom stops a node: it closes its generator, releasing the lease exactly. */
    @Override
    void terminate() throws InterruptedException {
        Process p = process();
        if (p != null && p.isAlive()) {
            try {
                stdin.close();
            } catch (IOException e) {
                logLine("== harness: closing stdin: " + e);
            }
            if (p.waitFor(10, TimeUnit.SECONDS)) {
                logLine("== harness: exited at end of input with " + p.exitValue());
            }
        }
        super.terminate(); // SIGTERM if it did not exit
        Thread t = reader;
        if (t != null) {
            t.join(TimeUnit.SECONDS.toMillis(5)); // every reply the node wrote is read before the check
        }
    }

    /** Sends one request for {@code client} and waits up to {@code timeoutMillis} for its reply body. */
    JsonNode call(Recording recording, String client, ObjectNode body, long timeoutMillis)
            throws IOException, InterruptedException, TimeoutException {
        if (!serving) {
            // Not initialised (starting, waiting for its lease): requests would only fill its stdin pipe.
            throw new IOException(this + " is not serving (no init_ok yet)");
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        long msgId = msgIds.incrementAndGet();
        pending.put(msgId, new Pending(recording, reply));
        body.put("msg_id", msgId);
        write(client, body);
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (reply.cancel(false)) {
                throw e; // a reply after this is recorded as late by the reader
            }
            return reply.join();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private long send(String client, ObjectNode body) throws IOException {
        long msgId = msgIds.incrementAndGet();
        body.put("msg_id", msgId);
        write(client, body);
        return msgId;
    }

    private void write(String client, ObjectNode body) throws IOException {
        ObjectNode msg = JSON.createObjectNode().put("src", client).put("dest", nodeId);
        msg.set("body", body);
        byte[] line = (JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream out = stdin;
        synchronized (this) {
            out.write(line);
            out.flush();
        }
    }

    private void readReplies(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                reply(JSON.readTree(line).path("body"));
            }
        } catch (IOException e) {
            logLine("== harness: stdout closed: " + e);
        }
    }

    private void reply(JsonNode body) throws IOException {
        long inReplyTo = body.path("in_reply_to").asLong(-1);
        if (inReplyTo == initMsgId) {
            if ("init_ok".equals(body.path("type").asText())) {
                serving = true;
                markReady();
            } else {
                logLine("== harness: init refused, retrying: " + body);
                LockSupport.parkNanos(INIT_RETRY_NANOS); // retry pacing while the lease is not free yet
                sendInit();
            }
            return;
        }
        Pending p = pending.remove(inReplyTo);
        if (p != null && !p.reply.complete(body)) {
            long[] ids = Replies.ids(body);
            if (ids.length > 0) {
                p.recording.lateIds(slot, ids);
            }
        }
    }
}
