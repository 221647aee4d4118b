package io.idmint.cli.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where every log event of the process ends: one event per line on stderr, as text or as a JSON object.
 * {@link LineLoggerFinder} sends every {@link System.Logger} here (idmint-core and the other modules log
 * through it) and {@link JulHandler} every {@code java.util.logging} record (gRPC, Netty, Vert.x, and SLF4J
 * users such as jetcd, Curator and HikariCP through {@code slf4j-jdk14}).
 *
 * <p>An event's fields ride along as its parameters: each {@code Map.Entry<String, ?>} passed to
 * {@code System.Logger.log(level, message, params...)} becomes a JSON field ({@code generator}, {@code worker},
 * {@code lease_epoch}, {@code error}, ...). The message itself is complete without them, so the text format
 * prints the message only, and a library user whose logging ignores the parameters loses nothing.
 */
public final class LogLines {
    /** The names every JSON line starts with; an event's own fields may not take them. */
    static final Set<String> RESERVED = Set.of("time", "level", "logger", "thread", "message");
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Object LOCK = new Object();
    private static volatile LogFormat format = LogFormat.TEXT;
    private static volatile OutputStream sink = new FileOutputStream(FileDescriptor.err);

    private LogLines() {}

    /** One event: what {@link #write} turns into a line. {@code fields} keep their order. */
    record Event(Instant time, String level, String logger, String thread, String message, Map<String, Object> fields,
                 Throwable thrown) {}

    static LogFormat format() {
        return format;
    }

    static void format(LogFormat f) {
        format = f;
    }

    /** Tests only: where lines go instead of stderr. */
    static void sink(OutputStream out) {
        sink = out;
    }

    /** Writes {@code e} as one line (text: plus its stack) in the current format; never throws. */
    static void write(Event e) {
        byte[] line;
        try {
            line = (format == LogFormat.JSON ? json(e) : text(e)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException failure) {
            line = ("log event could not be formatted (" + failure + "): " + e.message() + "\n").getBytes(StandardCharsets.UTF_8);
        }
        synchronized (LOCK) {
            try {
                sink.write(line);
                sink.flush();
            } catch (IOException ignored) {
                // stderr is gone: nowhere left to say so
            }
        }
    }

    static String text(Event e) {
        StringBuilder sb = new StringBuilder(96 + e.message().length());
        sb.append(TIME.format(e.time())).append(' ').append(e.level());
        for (int i = e.level().length(); i < 5; i++) {
            sb.append(' ');
        }
        sb.append(' ').append(e.logger()).append(": ").append(e.message()).append('\n');
        if (e.thrown() != null) {
            sb.append(stack(e.thrown()));
        }
        return sb.toString();
    }

    static String json(Event e) throws IOException {
        StringWriter out = new StringWriter(160 + e.message().length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", TIME.format(e.time()));
            g.writeStringField("level", e.level());
            g.writeStringField("logger", e.logger());
            g.writeStringField("thread", e.thread());
            g.writeStringField("message", e.message());
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                if (!RESERVED.contains(f.getKey()) && !(f.getKey().equals("stack") && e.thrown() != null)) {
                    field(g, f.getKey(), f.getValue());
                }
            }
            if (e.thrown() != null) {
                if (!e.fields().containsKey("error")) {
                    g.writeStringField("error", String.valueOf(e.thrown()));
                }
                g.writeStringField("stack", stack(e.thrown()));
            }
            g.writeEndObject();
        }
        return out.append('\n').toString();
    }

    private static void field(JsonGenerator g, String name, Object value) throws IOException {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumberField(name, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumberField(name, d);
            } else {
                g.writeStringField(name, Double.toString(d));
            }
        } else if (value instanceof Boolean) {
            g.writeBooleanField(name, (Boolean) value);
        } else {
            g.writeStringField(name, String.valueOf(value));
        }
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /**
     * The fields among {@code params} (each {@code Map.Entry} with a String key, in order), or null when some
     * parameter is not such an entry: the message is then a {@link java.text.MessageFormat} pattern to fill.
     */
    static Map<String, Object> fields(Object[] params) {
        if (params == null || params.length == 0) {
            return Map.of();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Object p : params) {
            if (!(p instanceof Map.Entry) || !(((Map.Entry<?, ?>) p).getKey() instanceof String)) {
                return null;
            }
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) p;
            fields.put((String) entry.getKey(), entry.getValue());
        }
        return fields;
    }
}
