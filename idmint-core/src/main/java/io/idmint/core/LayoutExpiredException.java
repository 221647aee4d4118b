package io.idmint.core;

/** The layout's timestamp field is full: any further ID would overflow it or turn negative. Permanent. */
public final class LayoutExpiredException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    public LayoutExpiredException(String message) {
        super(message, FailureKind.PERMANENT, null);
    }
}
