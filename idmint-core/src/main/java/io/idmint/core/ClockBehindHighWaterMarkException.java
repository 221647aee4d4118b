package io.idmint.core;

/**
 * At start, the clock reads earlier than what an earlier incarnation of the same worker may have
 * issued, and waiting for it to catch up would exceed the configured bound.
 */
public final class ClockBehindHighWaterMarkException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    public ClockBehindHighWaterMarkException(String message) {
        super(message);
    }
}
