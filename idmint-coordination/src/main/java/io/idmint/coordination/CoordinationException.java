package io.idmint.coordination;

import io.idmint.core.IdGenerationException;

/**
 * A worker-ID lease could not be obtained or kept: the coordinator is unreachable, refused, or out of IDs.
 * Retrying later may help (a coordinator comes back, a dead holder's ID comes free), so that is its kind.
 */
public class CoordinationException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    public CoordinationException(String message) {
        super(message);
    }

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
