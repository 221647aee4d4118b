package io.idmint.server;

/**
 * What the health endpoints report.
 *
 * @param canIssue whether an ID request would be served now
 * @param status {@code UP}, or {@code DOWN} with {@code reason}
 * @param reason why the service cannot issue, or null
 * @param clockDriftMs how far the newest issued timestamp is ahead of the wall clock
 * @param datacenter this generator's datacenter ID
 * @param worker this generator's worker ID
 * @param leaseState {@code static} for a configured worker ID; {@code held}, {@code expired}, {@code ended} or
 *                   {@code acquiring} for a leased one
 * @param millisSinceLastRollback time since the last clock rollback was seen, or -1 if none
 */
public record Health(boolean canIssue, String status, String reason, long clockDriftMs, int datacenter, int worker,
                     String leaseState, long millisSinceLastRollback) {}
