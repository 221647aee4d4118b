package io.idmint.cli;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps every message it is given, one per line, for tests to read. */
final class RecordingLogger implements System.Logger {
    private final StringBuffer lines = new StringBuffer();

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.append(level).append(' ').append(msg).append(thrown == null ? "" : " " + thrown).append('\n');
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        boolean fieldsOnly = params == null || java.util.Arrays.stream(params).allMatch(p -> p instanceof java.util.Map.Entry);
        lines.append(level).append(' ').append(fieldsOnly ? format : MessageFormat.format(format, params)).append('\n');
    }

    /** Everything logged so far. */
    String text() {
        return lines.toString();
    }
}
