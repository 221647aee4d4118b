package io.idmint.coordination;

/** A worker-ID lease could not be obtained or kept: the coordinator is unreachable, refused, or out of IDs. */
public class CoordinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoordinationException(String message) {
        super(message);
    }

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
