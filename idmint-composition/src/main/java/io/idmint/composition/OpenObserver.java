package io.idmint.composition;

import io.idmint.config.GeneratorConfig;
import io.idmint.core.issuing.NamedGenerator;

/**
 * Told of each generator while a configuration opens. It exists so that a face (the Spring Boot starter) can log
 * every generator as it opens and turn a failure into its own exception naming the generator and the properties
 * that decide it, while the order of opening and the closing of what opened before a failure stay here.
 */
public interface OpenObserver {
    /** Observes nothing and lets every failure through unchanged. */
    OpenObserver NONE = new OpenObserver() {};

    /** {@code g} is open as {@code named}. */
    default void opened(GeneratorConfig g, NamedGenerator named) {}

    /**
     * {@code g} could not open.
     *
     * @return what to throw instead (the generators opened before it are closed either way)
     */
    default RuntimeException failed(GeneratorConfig g, RuntimeException failure) {
        return failure;
    }
}
