package io.idmint.core.issuing;

import java.util.List;

/**
 * What a generator's worker leases look like, for health and metrics. A generator with a configured
 * (static) worker ID has none: {@link #NONE}. Leased generators implement it, and whoever builds the
 * named generator hands it over, so health and metrics never need to know what kind of generator it is.
 */
public interface LeaseReport {
    LeaseReport NONE = new LeaseReport() {
        @Override
        public List<LeaseView> leases() {
            return List.of();
        }

        @Override
        public long renewals() {
            return 0;
        }

        @Override
        public long renewalFailures() {
            return 0;
        }

        @Override
        public long losses() {
            return 0;
        }
    };

    /** One view per lease, in slot order; empty without leases. */
    List<LeaseView> leases();

    /** Acknowledged renewals since start, over all leases. */
    long renewals();

    /** Renewals that failed or timed out since start, over all leases. */
    long renewalFailures();

    /** Leases lost (fenced, expired, session lost) since start. */
    long losses();

    /**
     * This process's clock minus its peers' (the median over the other holders of the pool, estimated from
     * the wall times their records carry), in milliseconds; empty while no peer has been seen.
     */
    default java.util.OptionalLong offsetToPeersMillis() {
        return java.util.OptionalLong.empty();
    }

    /** How far {@link #offsetToPeersMillis()} may be off, in milliseconds; -1 when there is no estimate. */
    default long offsetToPeersErrorMillis() {
        return -1;
    }

    /** Renewals queued on the coordinator's keeper thread beyond the scheduled ones. */
    default long renewalQueueDepth() {
        return 0;
    }
}
