package io.idmint.server;

import io.idmint.core.IdGenerationException;

/** The service cannot issue right now (shutting down, or its worker lease is not valid); retry elsewhere. */
public final class ServiceUnavailableException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
