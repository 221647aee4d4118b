package io.idmint.client;

/**
 * The client cannot hand out an ID: its pool is empty and no server refilled it in time, or the
 * client is closed. The message names the addresses tried and the last error.
 */
public final class IdClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdClientException(String message) {
        super(message);
    }

    public IdClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
