package io.idmint.coordination;

/**
 * A snapshot of one worker lease, for health endpoints and metrics.
 *
 * @param state {@code held}, {@code acquiring} (no lease yet or being re-claimed) or {@code static}
 * @param worker the worker ID, or -1 while acquiring
 * @param epoch how many times the ID has been claimed, or -1
 * @param millisToDeadline time left before the holder must stop issuing without a renewal (negative: passed)
 * @param renewals acknowledged renewals of this lease
 * @param renewalFailures renewals that failed or timed out
 * @param detail where the lease comes from, or why it ended
 */
public record LeaseStatus(String state, int worker, long epoch, long millisToDeadline, long renewals,
                          long renewalFailures, String detail) {
    static LeaseStatus of(ClaimedLease l) {
        long left = (l.validUntilNanos() - System.nanoTime()) / 1_000_000;
        return new LeaseStatus(l.ended() ? "ended" : left > 0 ? "held" : "expired", l.worker(), l.epoch(), left,
                l.renewalCount, l.renewalFailures, l.ended() ? l.endReason() : l.describe());
    }

    static LeaseStatus acquiring(String why) {
        return new LeaseStatus("acquiring", -1, -1, 0, 0, 0, why);
    }

    public boolean held() {
        return state.equals("held");
    }
}
