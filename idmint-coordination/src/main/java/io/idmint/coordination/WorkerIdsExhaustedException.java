package io.idmint.coordination;

import java.time.Instant;

/** Every worker ID of the range is held by a live process or still cooling down after its last holder. */
public final class WorkerIdsExhaustedException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    private final WorkerRange range;
    private final int held;
    private final int coolingDown;

    WorkerIdsExhaustedException(String where, WorkerRange range, int held, int coolingDown, long recycleDelayMillis,
                                long firstFreeAtMillis) {
        super("no free worker ID in range " + range + " of " + where + ": " + held + " of " + range.size()
                + " held by live processes, " + coolingDown + " cooling down (recycle delay " + recycleDelayMillis
                + " ms" + (firstFreeAtMillis < 0 ? "" : "; the first comes free at " + Instant.ofEpochMilli(firstFreeAtMillis)
                + " by this host's clock, later than the acquire timeout allows") + "). Widen the range, add a region, or stop a holder");
        this.range = range;
        this.held = held;
        this.coolingDown = coolingDown;
    }

    public WorkerRange range() {
        return range;
    }

    /** How many IDs of the range live processes hold. */
    public int held() {
        return held;
    }

    /** How many free IDs wait out their recycle delay. */
    public int coolingDown() {
        return coolingDown;
    }
}
