package io.idmint.core;

/**
 * The generator cannot issue an ID right now without risking a duplicate. It never returns an error
 * value in place of an ID: it throws a subclass of this exception instead.
 */
public class IdGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdGenerationException(String message) {
        super(message);
    }

    public IdGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
