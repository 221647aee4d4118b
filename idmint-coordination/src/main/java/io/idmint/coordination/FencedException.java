package io.idmint.coordination;

/** The lease is gone: its record was claimed again, or its session or etcd lease expired. */
final class FencedException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    FencedException(String message) {
        super(message);
    }

    FencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
