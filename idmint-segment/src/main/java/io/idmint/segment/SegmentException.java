package io.idmint.segment;

import io.idmint.core.FailureKind;
import io.idmint.core.IdGenerationException;
import java.time.Duration;

/**
 * No segment could be had: a store unreachable or timing out ({@link FailureKind#RETRY_LATER}: it may come
 * back), or a store refusing for good ({@link FailureKind#PERMANENT}: a stride that does not match the key's
 * row, a Redis without durable persistence, a biz tag whose values are used up). The message names the biz
 * tag, the store (without secrets) and the cause.
 */
public final class SegmentException extends IdGenerationException {
    private static final long serialVersionUID = 1L;
    /** The retry hint: stores that fail usually come back within a second or are failed over to. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private SegmentException(String message, Throwable cause, FailureKind kind) {
        super(message, cause, kind, kind == FailureKind.RETRY_LATER ? RETRY_AFTER : null);
    }

    /** Retrying later may help: the store is down, slow or restarting. */
    static SegmentException unavailable(String message, Throwable cause) {
        return new SegmentException(message, cause, FailureKind.RETRY_LATER);
    }

    /** Retrying cannot help until an operator changes something. */
    static SegmentException refused(String message, Throwable cause) {
        return new SegmentException(message, cause, FailureKind.PERMANENT);
    }
}
