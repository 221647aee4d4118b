package io.idmint.cli.logging;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The {@link System.LoggerFinder} of the {@code idmint} command (registered in {@code META-INF/services}):
 * every {@link System.Logger} of the process writes through {@link LogLines}, at INFO and above. It bypasses
 * {@code java.util.logging}, whose shutdown hook removes every handler, so the events of a graceful stop
 * (a lease released) are still written.
 */
public final class LineLoggerFinder extends System.LoggerFinder {
    public LineLoggerFinder() {}

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new LineLogger(name);
    }

    /** The level's name in a line: ERROR, WARN, INFO, DEBUG, TRACE. */
    static String name(System.Logger.Level level) {
        return level == System.Logger.Level.WARNING ? "WARN" : level.getName();
    }

    private static final class LineLogger implements System.Logger {
        private final String name;

        LineLogger(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                LogLines.write(new LogLines.Event(Instant.now(), name(level), name, Thread.currentThread().getName(),
                        String.valueOf(localized(bundle, msg)), Map.of(), thrown));
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            String pattern = String.valueOf(localized(bundle, format));
            Map<String, Object> fields = LogLines.fields(params);
            String message = pattern;
            if (fields == null) {
                fields = Map.of();
                try {
                    message = MessageFormat.format(pattern, params);
                } catch (IllegalArgumentException e) {
                    message = pattern; // not a pattern after all
                }
            }
            LogLines.write(new LogLines.Event(Instant.now(), name(level), name, Thread.currentThread().getName(), message,
                    fields, null));
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle != null && key != null && bundle.containsKey(key)) {
                return bundle.getString(key);
            }
            return key;
        }
    }
}
