package io.idmint.core;

/**
 * Whether a generator could issue an ID now, without issuing one, and if not, why. Health endpoints
 * report it; it changes back by itself once the cause passes (the clock catches up, a lease is re-claimed).
 *
 * @param ready whether a request now would be served
 * @param reason why not, naming the value and the limit; null when ready
 */
public record Readiness(boolean ready, String reason) {
    public static final Readiness READY = new Readiness(true, null);

    public static Readiness notReady(String reason) {
        return new Readiness(false, Preconditions.checkNotNull("reason", reason));
    }
}
