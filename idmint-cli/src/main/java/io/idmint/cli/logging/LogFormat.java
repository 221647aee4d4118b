package io.idmint.cli.logging;

import java.util.Locale;

/** How each log event is written on stderr: a line of text for a person, or a JSON object for a log pipeline. */
public enum LogFormat {
    /** {@code 2026-12-01T10:00:00.123Z INFO  idmint: serving HTTP on ...}, the stack below when there is one. */
    TEXT,
    /** One JSON object per line: time, level, logger, thread, message, the event's fields, error and stack. */
    JSON;

    /**
     * The format a setting names, {@code text} or {@code json} (any case).
     *
     * @param where the setting's name, for the message
     * @throws IllegalArgumentException naming the setting, the value and the valid ones
     */
    public static LogFormat parse(String where, String value) {
        if (value != null) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.equals("text")) {
                return TEXT;
            }
            if (v.equals("json")) {
                return JSON;
            }
        }
        throw new IllegalArgumentException(where + " must be text or json: " + where + "=" + value
                + " (example: " + where + "=json)");
    }
}
