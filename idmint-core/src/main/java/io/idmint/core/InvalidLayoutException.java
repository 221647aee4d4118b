package io.idmint.core;

/** A {@link BitLayout} that cannot issue correct IDs; the message names the value and the limit. */
public class InvalidLayoutException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidLayoutException(String message) {
        super(message);
    }
}
