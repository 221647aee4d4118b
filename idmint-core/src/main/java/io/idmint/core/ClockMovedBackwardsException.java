package io.idmint.core;

import java.time.Duration;

/**
 * The clock is behind what the generator already issued, further than its rollback policy allows.
 * Retrying once the clock has caught up works: the retry hint is how far behind it was.
 */
public final class ClockMovedBackwardsException extends IdGenerationException {
    private static final long serialVersionUID = 1L;
    private final long behindMillis;

    public ClockMovedBackwardsException(String message, long behindMillis) {
        super(message, FailureKind.RETRY_LATER, Duration.ofMillis(Math.max(1, behindMillis)));
        this.behindMillis = behindMillis;
    }

    /** How far the clock reads behind the newest timestamp already issued. */
    public long behindMillis() {
        return behindMillis;
    }
}
