package io.idmint.cli;

import io.idmint.core.FailureKind;
import java.util.EnumMap;
import java.util.Map;

/** The exit codes every command uses, and the command line's one table from failure kinds to them. */
final class ExitCodes {
    static final int OK = 0;
    /** The work could not be done now: the clock is behind what was issued, no lease could be had. */
    static final int RETRY_LATER = 1;
    /** Invalid input: usage, an invalid ID, an invalid config. */
    static final int INVALID_INPUT = 2;
    /** The work can never be done as configured: the layout has ended its life. */
    static final int PERMANENT = 3;
    /** A bug: the message names the incident logged with its stack on stderr. */
    static final int INTERNAL = 4;

    static final Map<FailureKind, Integer> TABLE = table();

    private ExitCodes() {}

    private static Map<FailureKind, Integer> table() {
        Map<FailureKind, Integer> t = new EnumMap<>(FailureKind.class);
        t.put(FailureKind.INVALID_REQUEST, INVALID_INPUT);
        t.put(FailureKind.RETRY_LATER, RETRY_LATER);
        t.put(FailureKind.PERMANENT, PERMANENT);
        t.put(FailureKind.INTERNAL, INTERNAL);
        return t;
    }

    static int of(FailureKind kind) {
        return TABLE.get(kind);
    }
}
