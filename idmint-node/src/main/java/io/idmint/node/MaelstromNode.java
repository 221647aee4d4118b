package io.idmint.node;

import io.idmint.core.DecodedId;
import io.idmint.core.Field;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.IssueFailure;
import io.idmint.core.issuing.NamedGenerator;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * A node of the Maelstrom-style JSON protocol: one JSON object per line on stdin, one reply per line
 * on stdout, logs on stderr. Requests are handled one at a time in arrival order, so each sender's
 * replies come back in the order it sent them. Nothing but EOF on stdin (or a signal) stops it: a
 * line that cannot be answered is logged and skipped. Logs go through {@link System.Logger} (logger
 * {@code idmint-node}), which the command line writes on stderr as text or JSON lines.
 *
 * <p>Handles {@code init}, {@code generate}, {@code generate_batch}, {@code decompose} and
 * {@code verify_ids}; the ID requests may name a generator ({@code "generator":"orders"}). The node
 * issues through an {@link IdIssuer} that its caller builds at {@code init}, and answers failures with
 * the code {@link ErrorCode#of} gives their kind. See the README for the message shapes.
 */
public final class MaelstromNode {
    /** Lines longer than this are not parsed whole; the request gets error 12 when it can be answered. */
    public static final int MAX_LINE_BYTES = 16 << 20;
    private static final int OVERLONG_PREFIX_BYTES = 4096;
    private static final System.Logger LOG = System.getLogger("idmint-node");

    private final Function<NodeIdentity, IdIssuer> issuers;
    private final Function<NodeIdentity, CounterIds> counters;
    private final RequestParser parser = new RequestParser();
    private final Request request = new Request();
    /** Room for the largest batch of 128-bit IDs. */
    private final long[] batch = new long[BatchSize.MAX * 2];
    private ReplyWriter replies;
    private String nodeId;
    private IdIssuer issuer;
    private CounterIds counter;
    /** IDs that {@code verify_ids} found more than once, over this node's life: its collision counter. */
    private long collisionsDetected;

    /**
     * Who this node is once {@code init} arrived.
     *
     * @param nodeId the node ID {@code init} gave, e.g. {@code n3}
     * @param number the number it ends in, 3: the worker ID of generators that take theirs from the node ID
     */
    public record NodeIdentity(String nodeId, long number) {}

    /**
     * @param issuers builds the issuing core for the identity {@code init} gives: the caller chooses the
     *     generators, their worker IDs, restart safety and policies. It may throw an
     *     {@link io.idmint.core.InvalidRequestException} (say, a node number the layout cannot hold),
     *     which the node answers as a malformed {@code init}.
     */
    public MaelstromNode(Function<NodeIdentity, IdIssuer> issuers) {
        this(issuers, null);
    }

    /**
     * A node whose {@code generate} and {@code generate_batch} answer {@code <node_id>-<counter>} strings
     * from {@code counters} (the seed transcript's style) instead of an issuer's IDs; {@code decompose} is
     * not supported then. {@code issuers} still serves requests that name a generator.
     */
    public MaelstromNode(Function<NodeIdentity, IdIssuer> issuers, Function<NodeIdentity, CounterIds> counters) {
        this.issuers = issuers;
        this.counters = counters;
    }

    /**
     * Serves this process's stdin and stdout until stdin ends, bypassing {@link System#out}'s synchronized,
     * line-flushing stream: replies are flushed when the input is drained.
     */
    public void runOnStandardStreams() throws IOException {
        try (FileInputStream in = new FileInputStream(FileDescriptor.in);
             FileOutputStream out = new FileOutputStream(FileDescriptor.out)) {
            run(in, out);
        }
    }

    /** Serves until {@code in} ends; flushes replies whenever the input is drained. */
    public void run(InputStream in, OutputStream out) throws IOException {
        replies = new ReplyWriter(out);
        try {
            new LineReader(in, MAX_LINE_BYTES, OVERLONG_PREFIX_BYTES).run(new LineReader.Sink() {
                @Override
                public void line(byte[] buf, int offset, int length) throws IOException {
                    handleLine(buf, offset, length, -1);
                }

                @Override
                public void overlongLine(byte[] prefix, int prefixLength, long totalLength) throws IOException {
                    handleLine(prefix, 0, prefixLength, totalLength);
                }

                @Override
                public void drained() throws IOException {
                    replies.flush();
                }
            });
        } finally {
            replies.flush();
            if (counter != null) {
                counter.close();
            }
            if (issuer != null) {
                issuer.close();
            }
        }
    }

    private void handleLine(byte[] buf, int offset, int length, long overlongLength) throws IOException {
        if (isBlank(buf, offset, length)) {
            return;
        }
        Request r = request;
        try {
            parser.parse(buf, offset, length, r);
        } catch (IOException e) {
            if (overlongLength >= 0 && r.answerable()) {
                error(r, ErrorCode.MALFORMED_REQUEST, "request line must be at most " + MAX_LINE_BYTES
                        + " bytes: length=" + overlongLength);
            } else if (r.answerable()) {
                error(r, ErrorCode.MALFORMED_REQUEST, "malformed request: " + firstLine(e.getMessage()));
            } else {
                LOG.log(System.Logger.Level.WARNING, "cannot answer a line that is not a usable message ("
                        + firstLine(e.getMessage()) + "): " + preview(buf, offset, length));
            }
            return;
        }
        if (!r.answerable()) {
            LOG.log(System.Logger.Level.WARNING, "cannot answer a message without src, an object body and an integer msg_id: "
                    + preview(buf, offset, length));
            return;
        }
        try {
            dispatch(r);
        } catch (RuntimeException e) {
            IssueFailure f = IssueFailure.of(e); // a bug is logged on stderr with its stack, under the incident ID
            error(r, ErrorCode.of(f.kind()), f.message());
        }
    }

    private void dispatch(Request r) throws IOException {
        String type = r.type == null ? "" : r.type;
        switch (type) {
            case "init":
                init(r);
                return;
            case "generate":
            case "generate_batch":
            case "decompose":
                if (issuer == null) {
                    error(r, ErrorCode.TEMPORARILY_UNAVAILABLE, "node is not initialised: send init first");
                    return;
                }
                if (type.equals("generate")) {
                    generate(r);
                } else if (type.equals("generate_batch")) {
                    generateBatch(r);
                } else {
                    decompose(r);
                }
                return;
            case "verify_ids":
                verifyIds(r);
                return;
            default:
                error(r, ErrorCode.NOT_SUPPORTED, r.type == null ? "body.type is required"
                        : "unknown message type: type=" + r.type + " (supported: init, generate, generate_batch,"
                        + " decompose, verify_ids)");
        }
    }

    private void init(Request r) throws IOException {
        if (r.nodeId == null) {
            error(r, ErrorCode.MALFORMED_REQUEST, "init needs node_id, a string such as \"n1\"");
            return;
        }
        if (nodeId != null) {
            if (!nodeId.equals(r.nodeId)) {
                error(r, ErrorCode.MALFORMED_REQUEST, "node is already initialised as " + nodeId + ": node_id=" + r.nodeId);
                return;
            }
        } else {
            NodeIdentity identity = new NodeIdentity(r.nodeId, NodeIds.numberOf(r.nodeId));
            issuer = issuers.apply(identity);
            counter = counters == null ? null : counters.apply(identity);
            nodeId = r.nodeId;
            for (NamedGenerator g : issuer.generators()) {
                // A leased generator's worker comes from its lease, not from the node ID.
                LOG.log(System.Logger.Level.INFO, nodeId + " issues IDs of generator " + g.name() + " (" + g.scheme()
                        + ") as datacenter " + g.datacenter() + ", worker " + g.worker()
                        + g.layout().map(l -> " of layout " + l).orElse(""), Map.entry("node", nodeId),
                        Map.entry("generator", g.name()), Map.entry("datacenter", g.datacenter()), Map.entry("worker", g.worker()));
            }
        }
        replies.begin(self(r), r.src, "init_ok", r.msgId).end();
    }

    private void generate(Request r) throws IOException {
        if (counter != null && r.generator == null) {
            replies.begin(nodeId, r.src, "generate_ok", r.msgId).field("id", counter.next()).end();
            return;
        }
        NamedGenerator g = issuing(r);
        issuer.issue(g, batch, 0, BatchSize.ONE);
        String text = g.codec().words() == 1 ? null : g.codec().text(batch, 0);
        ReplyWriter reply = replies.begin(nodeId, r.src, "generate_ok", r.msgId);
        (text == null ? reply.field("id", batch[0]) : reply.field("id", text)).end();
    }

    private void generateBatch(Request r) throws IOException {
        BatchSize n = BatchSize.parse("count", r.countText);
        if (counter != null && r.generator == null) {
            String[] texts = new String[n.value()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = counter.next();
            }
            replies.begin(nodeId, r.src, "generate_batch_ok", r.msgId).field("ids", texts, texts.length).end();
            return;
        }
        NamedGenerator g = issuing(r);
        int maxSequence = issuer.issue(g, batch, 0, n);
        String[] texts = null;
        if (g.codec().words() == 2) {
            texts = new String[n.value()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = g.codec().text(batch, i);
            }
        }
        ReplyWriter reply = replies.begin(nodeId, r.src, "generate_batch_ok", r.msgId);
        (texts == null ? reply.field("ids", batch, 0, n.value()) : reply.field("ids", texts, texts.length))
                .field("max_sequence", maxSequence).end();
    }

    /** The generator a request names, with the ID it must follow ({@code after}) merged in. */
    private NamedGenerator issuing(Request r) {
        NamedGenerator g = issuer.generator(r.generator);
        if (r.after != null) {
            g.observe(g.codec().parse(r.after));
        }
        return g;
    }

    /**
     * The decoded ID as every face shows it, plus, for a layout's ID, {@code machine_id} (datacenter and
     * worker as one number). The ID is a JSON number (64-bit) or string (any text form; 128-bit IDs).
     */
    private void decompose(Request r) throws IOException {
        if (counter != null && r.generator == null) {
            error(r, ErrorCode.NOT_SUPPORTED, "counter IDs (" + nodeId + "-N) carry no parts to decompose: id=" + r.idText);
            return;
        }
        NamedGenerator g = issuer.generator(r.generator);
        long[] id;
        if (r.idIsLong && g.codec().words() == 1) {
            id = new long[] {r.id};
        } else if (r.idString != null) {
            id = g.codec().parse(r.idString);
        } else {
            error(r, ErrorCode.MALFORMED_REQUEST, "id must be " + (g.codec().words() == 1 ? "a 64-bit integer or an ID's text"
                    : "a 128-bit ID's text (UUID, base32 or hex)") + ": id=" + r.idText);
            return;
        }
        // Everything that may throw comes before the reply begins: a reply is written whole or not at all.
        Map<String, Object> fields = g.codec().describe(id);
        DecodedId d = g.layout().isPresent() ? g.layout().get().decode(id[0]) : null;
        ReplyWriter reply = replies.begin(nodeId, r.src, "decompose_ok", r.msgId).fields(fields);
        if (d != null) {
            reply.field("machine_id", ((long) d.datacenter() << g.layout().get().width(Field.WORKER)) | d.worker());
        }
        reply.end();
    }

    private void verifyIds(Request r) throws IOException {
        if (!r.hasIds || r.idsProblem != null) {
            error(r, ErrorCode.MALFORMED_REQUEST, r.idsProblem != null ? r.idsProblem : "ids is required: an array of integers");
            return;
        }
        IdCheck check = IdCheck.of(r.ids, r.idsLength);
        if (check.collisions() > 0) {
            collisionsDetected += check.collisions();
            LOG.log(System.Logger.Level.ERROR, "verify_ids from " + r.src + " found " + check.collisions() + " ID(s) issued more"
                    + " than once (" + collisionsDetected + " over this node's life); duplicated: "
                    + Arrays.toString(Arrays.copyOf(check.duplicates(), Math.min(10, check.duplicates().length)))
                    + (check.duplicates().length > 10 ? " and " + (check.duplicates().length - 10) + " more" : ""),
                    Map.entry("collisions", check.collisions()), Map.entry("collisions_detected_total", collisionsDetected));
        }
        replies.begin(self(r), r.src, "verify_ids_ok", r.msgId)
                .field("count", r.idsLength)
                .field("unique", check.duplicates().length == 0)
                .field("is_sorted", check.sorted())
                .field("duplicates", check.duplicates(), 0, check.duplicates().length)
                .field("collisions", check.collisions())
                .field("collisions_detected_total", collisionsDetected)
                .end();
    }

    private void error(Request r, ErrorCode code, String text) throws IOException {
        replies.error(self(r), r.src, r.msgId, code, text);
    }

    /** Before init the node answers as whoever the request was addressed to. */
    private String self(Request r) {
        return nodeId != null ? nodeId : r.dest != null ? r.dest : "unknown";
    }

    private static boolean isBlank(byte[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String preview(byte[] buf, int offset, int length) {
        int shown = Math.min(length, 200);
        String text = new String(buf, offset, shown, StandardCharsets.UTF_8);
        return length > shown ? text + "... (" + length + " bytes)" : text;
    }
}
