package io.idmint.postgres;

import io.idmint.core.InvalidRequestException;

/**
 * A migration step refused before changing anything: a table without a primary key, a timestamp column of
 * the wrong type, a column name already taken, a function of another layout. The message names the object,
 * what it is and what it must be.
 */
public final class MigrationRefusedException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    MigrationRefusedException(String message) {
        super(message);
    }
}
