package io.idmint.node;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.Field;
import io.idmint.core.IdGenerationException;
import io.idmint.core.IdGenerator;
import io.idmint.core.InvalidIdException;
import io.idmint.core.LayoutExpiredException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A node of the Maelstrom-style JSON protocol: one JSON object per line on stdin, one reply per line
 * on stdout, logs on stderr. Requests are handled one at a time in arrival order, so each sender's
 * replies come back in the order it sent them. Nothing but EOF on stdin (or a signal) stops it: a
 * line that cannot be answered is logged and skipped.
 *
 * <p>Handles {@code init}, {@code generate}, {@code generate_batch}, {@code decompose} and
 * {@code verify_ids}; see the README for the message shapes and error codes.
 */
public final class MaelstromNode {
    /** The largest {@code generate_batch} count. */
    public static final int MAX_BATCH = 100_000;
    /** Lines longer than this are not parsed whole; the request gets error 12 when it can be answered. */
    public static final int MAX_LINE_BYTES = 16 << 20;
    private static final int OVERLONG_PREFIX_BYTES = 4096;

    private final BitLayout layout;
    private final long datacenter;
    private final Function<NodeIdentity, IdGenerator> generatorFactory;
    private final PrintStream log;
    private final RequestParser parser = new RequestParser();
    private final Request request = new Request();
    private final long[] batch = new long[MAX_BATCH];
    private ReplyWriter replies;
    private String nodeId;
    private IdGenerator generator;

    /** Who this node is once {@code init} arrived: the worker ID is the node ID's number. */
    public record NodeIdentity(String nodeId, long datacenter, long worker) {}

    /**
     * @param generatorFactory builds the generator for the identity {@code init} gives (so callers
     *     choose restart safety, clocks and policies)
     */
    public MaelstromNode(BitLayout layout, long datacenter, Function<NodeIdentity, IdGenerator> generatorFactory,
                         PrintStream log) {
        this.layout = layout;
        this.datacenter = datacenter;
        this.generatorFactory = generatorFactory;
        this.log = log;
    }

    /** A node whose generators use the layout's defaults and no high-water mark. */
    public static MaelstromNode withDefaults(BitLayout layout, long datacenter, PrintStream log) {
        return new MaelstromNode(layout, datacenter,
                id -> IdGenerator.builder(layout).datacenter(id.datacenter()).worker(id.worker()).build(), log);
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
            if (generator != null) {
                generator.close();
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
                log.println("idmint-node: cannot answer a line that is not a usable message ("
                        + firstLine(e.getMessage()) + "): " + preview(buf, offset, length));
            }
            return;
        }
        if (!r.answerable()) {
            log.println("idmint-node: cannot answer a message without src, an object body and an integer msg_id: "
                    + preview(buf, offset, length));
            return;
        }
        try {
            dispatch(r);
        } catch (IdGenerationException e) {
            error(r, e instanceof LayoutExpiredException ? ErrorCode.CRASH : ErrorCode.TEMPORARILY_UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            log.println("idmint-node: internal error on " + r.type + ": " + e);
            error(r, ErrorCode.CRASH, "internal error: " + e);
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
                if (generator == null) {
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
            long worker;
            try {
                worker = NodeIds.workerOf(r.nodeId, layout.maxValue(Field.WORKER), layout.name());
            } catch (IllegalArgumentException e) {
                error(r, ErrorCode.MALFORMED_REQUEST, e.getMessage());
                return;
            }
            generator = generatorFactory.apply(new NodeIdentity(r.nodeId, datacenter, worker));
            nodeId = r.nodeId;
            // A leased generator's worker comes from its lease, not from the node ID.
            log.println("idmint-node: " + nodeId + " issues IDs as datacenter " + generator.datacenter() + ", worker "
                    + generator.worker() + " of layout " + layout);
        }
        replies.begin(self(r), r.src, "init_ok", r.msgId).end();
    }

    private void generate(Request r) throws IOException {
        long id = generator.nextId();
        replies.begin(nodeId, r.src, "generate_ok", r.msgId).field("id", id).end();
    }

    private void generateBatch(Request r) throws IOException {
        if (r.countText == null) {
            error(r, ErrorCode.MALFORMED_REQUEST, "count is required: an integer 1.." + MAX_BATCH);
            return;
        }
        if (!r.countIsLong || r.count < 1 || r.count > MAX_BATCH) {
            error(r, ErrorCode.MALFORMED_REQUEST, "count must be 1.." + MAX_BATCH + ": count=" + r.countText);
            return;
        }
        int n = (int) r.count;
        int maxSequence = generator.nextIds(batch, 0, n);
        replies.begin(nodeId, r.src, "generate_batch_ok", r.msgId).field("ids", batch, 0, n)
                .field("max_sequence", maxSequence).end();
    }

    private void decompose(Request r) throws IOException {
        if (r.idText == null || !r.idIsLong) {
            error(r, ErrorCode.MALFORMED_REQUEST, "id must be a 64-bit integer: id=" + r.idText);
            return;
        }
        DecodedId d;
        try {
            d = layout.decode(r.id);
        } catch (InvalidIdException e) {
            error(r, ErrorCode.MALFORMED_REQUEST, e.getMessage());
            return;
        }
        replies.begin(nodeId, r.src, "decompose_ok", r.msgId)
                .field("timestamp_ms", d.timestamp().toEpochMilli())
                .field("machine_id", ((long) d.datacenter() << layout.width(Field.WORKER)) | d.worker())
                .field("datacenter", d.datacenter())
                .field("worker", d.worker())
                .field("sequence", d.sequence())
                .end();
    }

    private void verifyIds(Request r) throws IOException {
        if (!r.hasIds || r.idsProblem != null) {
            error(r, ErrorCode.MALFORMED_REQUEST, r.idsProblem != null ? r.idsProblem : "ids is required: an array of integers");
            return;
        }
        IdCheck check = IdCheck.of(r.ids, r.idsLength);
        replies.begin(self(r), r.src, "verify_ids_ok", r.msgId)
                .field("count", r.idsLength)
                .field("unique", check.duplicates().length == 0)
                .field("is_sorted", check.sorted())
                .field("duplicates", check.duplicates(), 0, check.duplicates().length)
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
