package io.idmint.core;

/**
 * The generator was closed: it stored its exact high-water mark (or released its lease) and will never
 * issue again, whatever kind of store or lease it had. Permanent for this generator; a new one may be built.
 */
public final class GeneratorClosedException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    public GeneratorClosedException(String message) {
        super(message, FailureKind.PERMANENT, null);
    }
}
