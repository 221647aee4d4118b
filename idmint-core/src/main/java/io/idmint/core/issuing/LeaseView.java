package io.idmint.core.issuing;

/**
 * One worker lease as health endpoints and metrics show it.
 *
 * @param state {@code held}, {@code expired}, {@code ended} or {@code acquiring} (none yet, or being re-claimed)
 * @param worker the worker ID, or -1 while acquiring
 * @param epoch how many times the ID has been claimed (the fencing epoch), or -1
 * @param millisToDeadline time left before the holder must stop issuing without a renewal (negative: passed)
 * @param renewals acknowledged renewals of this lease
 * @param renewalFailures renewals that failed or timed out
 * @param detail where the lease comes from, or why it ended
 */
public record LeaseView(String state, int worker, long epoch, long millisToDeadline, long renewals,
                        long renewalFailures, String detail) {
    public static LeaseView acquiring(String why) {
        return new LeaseView("acquiring", -1, -1, 0, 0, 0, why);
    }

    public boolean held() {
        return state.equals("held");
    }
}
