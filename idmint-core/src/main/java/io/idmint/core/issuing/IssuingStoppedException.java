package io.idmint.core.issuing;

import io.idmint.core.IdGenerationException;

/** This process stopped issuing (it is shutting down); another process may serve the request. */
public final class IssuingStoppedException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    IssuingStoppedException(String message) {
        super(message);
    }
}
