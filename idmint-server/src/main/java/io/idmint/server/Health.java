package io.idmint.server;

import io.idmint.core.issuing.ClockStatus;
import java.util.List;

/**
 * What the health endpoints report: the process as a whole, then each generator.
 *
 * @param canIssue readiness: whether every generator could serve a request now and the start-up warm-up is over
 * @param status {@code UP}, or {@code DOWN} with {@code reason}
 * @param reason why not, naming the generator (or saying the service is warming up), or null
 * @param clock the kernel's view of the host clock
 * @param generators each generator's own state, the default first
 */
public record Health(boolean canIssue, String status, String reason, ClockStatus clock, List<GeneratorHealth> generators) {
    /** The default generator's state: the fields the top level of the health JSON repeats. */
    public GeneratorHealth defaultGenerator() {
        return generators.get(0);
    }

    /**
     * One generator's health.
     *
     * @param name the generator's name
     * @param ready whether it could issue now
     * @param reason why not, or null
     * @param clockLeadMs how far its newest issued timestamp is ahead of its clock (borrowed ticks, a logical offset)
     * @param datacenter its datacenter number
     * @param worker its worker ID (-1 while a lease is being acquired)
     * @param leaseState {@code static} for a configured worker ID; {@code held}, {@code expired}, {@code ended}
     *     or {@code acquiring} for a leased one
     * @param millisSinceLastRollback time since it last saw the clock step back, or -1 if never
     * @param offsetToPeersMs this clock minus its lease peers' median, or null while unknown
     * @param offsetToPeersErrorMs how far that estimate may be off, or -1
     */
    public record GeneratorHealth(String name, boolean ready, String reason, long clockLeadMs, int datacenter, int worker,
                                  String leaseState, long millisSinceLastRollback, Long offsetToPeersMs,
                                  long offsetToPeersErrorMs) {}
}
