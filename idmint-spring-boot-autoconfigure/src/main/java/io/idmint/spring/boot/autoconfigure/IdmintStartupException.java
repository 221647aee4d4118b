package io.idmint.spring.boot.autoconfigure;

import java.util.List;

/**
 * A generator the properties describe correctly could not be opened: its high-water mark's lock is held by
 * another process, the clock is behind its mark beyond the startup wait, no worker lease could be had. The
 * cause is idmint's own exception; {@link IdmintStartupFailureAnalyzer} reports it with the properties to check.
 */
public class IdmintStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String generator;
    private final transient List<String> properties;

    /**
     * @param generator the generator's name
     * @param properties the properties that decide what failed, in Spring's form
     */
    public IdmintStartupException(String generator, List<String> properties, RuntimeException cause) {
        super("idmint could not open generator " + generator + ": " + cause.getMessage(), cause);
        this.generator = generator;
        this.properties = List.copyOf(properties);
    }

    public String generator() {
        return generator;
    }

    public List<String> properties() {
        return properties;
    }
}
