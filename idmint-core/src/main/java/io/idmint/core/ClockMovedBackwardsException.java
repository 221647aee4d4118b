package io.idmint.core;

/** The clock is behind what the generator already issued, further than its rollback policy allows. */
public final class ClockMovedBackwardsException extends IdGenerationException {
    private static final long serialVersionUID = 1L;
    private final long behindMillis;

    public ClockMovedBackwardsException(String message, long behindMillis) {
        super(message);
        this.behindMillis = behindMillis;
    }

    /** How far the clock reads behind the newest timestamp already issued. */
    public long behindMillis() {
        return behindMillis;
    }
}
