package io.idmint.cli.logging;

import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** Writes {@code java.util.logging} records (the libraries' logs) through {@link LogLines}, in the same shape as ours. */
final class JulHandler extends Handler {
    /** Fills a record's MessageFormat pattern (and resource bundle) as java.util.logging does. */
    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public void publish(LogRecord r) {
        if (r == null || !isLoggable(r)) {
            return;
        }
        Map<String, Object> fields = LogLines.fields(r.getParameters());
        String message = fields == null ? MESSAGES.formatMessage(r) : String.valueOf(r.getMessage());
        LogLines.write(new LogLines.Event(r.getInstant(), level(r.getLevel()), r.getLoggerName() == null ? "" : r.getLoggerName(),
                Thread.currentThread().getName(), message, fields == null ? Map.of() : fields, r.getThrown()));
    }

    static String level(Level level) {
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARN"
                : v >= Level.INFO.intValue() ? "INFO" : v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public void close() {
        // stderr stays open: java.util.logging's shutdown hook calls this while others still log
    }
}
