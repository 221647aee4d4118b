package io.idmint.core;

/**
 * A request that can never succeed as given: the message names the value and the limit, e.g.
 * {@code count must be 1..100000: count=0}. Only this type (and its subclasses) is reported to a caller
 * as {@link FailureKind#INVALID_REQUEST}; any other {@link IllegalArgumentException} reaching a face is
 * a bug and reported as {@link FailureKind#INTERNAL}.
 */
public class InvalidRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
