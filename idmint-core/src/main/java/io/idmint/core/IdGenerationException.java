package io.idmint.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The generator cannot issue an ID right now without risking a duplicate. It never returns an error
 * value in place of an ID: it throws a subclass of this exception instead, which says what kind of
 * failure it is ({@link #kind()}) and, when retrying can help, how long to wait ({@link #retryAfter()}).
 */
public class IdGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** What a caller is told to wait when the cause gives no better estimate. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final FailureKind kind;
    private final transient Duration retryAfter;

    /** A {@link FailureKind#RETRY_LATER} failure with the default retry hint of one second. */
    public IdGenerationException(String message) {
        this(message, FailureKind.RETRY_LATER, DEFAULT_RETRY_AFTER);
    }

    public IdGenerationException(String message, Throwable cause) {
        super(message, cause);
        this.kind = FailureKind.RETRY_LATER;
        this.retryAfter = DEFAULT_RETRY_AFTER;
    }

    /**
     * @param retryAfter how long to wait before retrying; ignored (and reported empty) unless the kind
     *     is {@link FailureKind#RETRY_LATER}
     */
    protected IdGenerationException(String message, FailureKind kind, Duration retryAfter) {
        super(message);
        this.kind = Preconditions.checkNotNull("kind", kind);
        this.retryAfter = kind == FailureKind.RETRY_LATER ? Preconditions.checkNotNull("retryAfter", retryAfter) : null;
    }

    /** As {@link #IdGenerationException(String, FailureKind, Duration)}, with the failure that caused it. */
    protected IdGenerationException(String message, Throwable cause, FailureKind kind, Duration retryAfter) {
        super(message, cause);
        this.kind = Preconditions.checkNotNull("kind", kind);
        this.retryAfter = kind == FailureKind.RETRY_LATER ? Preconditions.checkNotNull("retryAfter", retryAfter) : null;
    }

    public final FailureKind kind() {
        return kind;
    }

    /** How long to wait before retrying, present only for {@link FailureKind#RETRY_LATER}. */
    public final Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
