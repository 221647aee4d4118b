package io.idmint.coordination;

import io.idmint.core.FailureKind;
import io.idmint.core.IdGenerationException;

/**
 * This process's settings contradict what its cluster recorded in the coordinator: another layout, or a
 * region and a datacenter number bound otherwise. Starting anyway could compose IDs that collide with the
 * fleet's, so it is refused; the message names both sides and the key. Permanent until the settings change.
 */
public final class ClusterMisconfiguredException extends IdGenerationException {
    private static final long serialVersionUID = 1L;

    ClusterMisconfiguredException(String message) {
        super(message, FailureKind.PERMANENT, null);
    }
}
