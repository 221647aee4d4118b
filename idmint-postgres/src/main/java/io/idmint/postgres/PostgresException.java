package io.idmint.postgres;

import io.idmint.core.FailureKind;
import io.idmint.core.IdGenerationException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * PostgreSQL could not do what was asked. {@link FailureKind#RETRY_LATER} when waiting may help: the server is
 * unreachable or restarting, a lock could not be had in time, another backfill of the same table runs now;
 * {@link FailureKind#PERMANENT} for what the server refuses for good (a missing privilege, a constraint). The
 * message names the database (without secrets), what was being done, the SQLSTATE and the server's own words.
 */
public final class PostgresException extends IdGenerationException {
    private static final long serialVersionUID = 1L;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private PostgresException(String message, Throwable cause, FailureKind kind) {
        super(message, cause, kind, kind == FailureKind.RETRY_LATER ? RETRY_AFTER : null);
    }

    /** Wraps a driver error: the kind from its SQLSTATE class. */
    static PostgresException of(String doing, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return new PostgresException(doing + " failed: SQLSTATE " + (state.isEmpty() ? "none" : state) + ": " + e.getMessage(),
                e, transientState(state) ? FailureKind.RETRY_LATER : FailureKind.PERMANENT);
    }

    /** Retrying later may help; nothing was wrong with the request. */
    static PostgresException busy(String message) {
        return new PostgresException(message, null, FailureKind.RETRY_LATER);
    }

    /**
     * Connection failures (08), a server shutting down or restarting (57P01..57P03), resources (53), lock or
     * statement time-outs (55P03, 57014) and serialization failures or deadlocks (40).
     */
    static boolean transientState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("40") || state.startsWith("57P")
                || state.equals("55P03") || state.equals("57014");
    }
}
