package io.idmint.coordination;

/**
 * At start, this process's clock is further from its peers' (the other holders of its pool) than the
 * configured bound allows. Twitter's Snowflake refused the same way; retrying helps once the clock is set right.
 */
public final class ClockOffsetToPeersException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    ClockOffsetToPeersException(String message) {
        super(message);
    }
}
