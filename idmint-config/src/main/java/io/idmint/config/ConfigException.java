package io.idmint.config;

import io.idmint.core.InvalidRequestException;
import java.util.List;

/** A configuration that cannot be used; {@link #problems()} lists every problem found, not just the first. */
public final class ConfigException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
