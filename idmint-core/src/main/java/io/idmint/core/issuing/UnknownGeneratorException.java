package io.idmint.core.issuing;

import io.idmint.core.InvalidRequestException;
import java.util.Collection;

/** A request named a generator this process does not serve; the message lists the ones it does. */
public final class UnknownGeneratorException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public UnknownGeneratorException(String name, Collection<String> known) {
        super("unknown generator: generator=" + shown(name) + " (this process serves " + String.join(", ", known) + ")");
    }

    private static String shown(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "..." : name;
    }
}
