package io.idmint.core;

/** Text that is not a valid ID in the requested format; the message names the text and the rule. */
public final class InvalidIdException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public InvalidIdException(String message) {
        super(message);
    }
}
