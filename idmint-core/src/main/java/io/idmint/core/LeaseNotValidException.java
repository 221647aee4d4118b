package io.idmint.core;

/**
 * The generator's worker lease has passed its deadline, was lost, or has not reserved the current time
 * yet: issuing now could duplicate another holder's IDs. Services answer "unavailable, retry".
 */
public final class LeaseNotValidException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    public LeaseNotValidException(String message) {
        super(message);
    }
}
