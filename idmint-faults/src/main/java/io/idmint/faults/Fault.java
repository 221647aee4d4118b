package io.idmint.faults;

/**
 * One injected fault: its kind, its target member (-1 for etcd or PostgreSQL: every member is affected), a
 * parameter (the clock step in ms, or the hold in ms), when it was injected and healed on this JVM's monotonic
 * clock, and the detail. Recovery is measured from {@code healedNanos} by the checker, from what the clients saw.
 *
 * @param restarted the member whose process was killed and started anew during the fault (-1 for none): its
 *     old process was gone by {@code healedNanos}, its new one spawned after
 * @param inEffectNanos when the fault was wholly in effect, if later than its injection: PostgreSQL's
 *     postmaster and backends all gone (killed) or all stopped (frozen); until then they may still answer
 */
record Fault(int number, FaultKind kind, int target, long paramMillis, long injectedNanos, long healedNanos, String detail,
             int restarted, long inEffectNanos) {
    /** A fault that restarts no member and is in effect when injected. */
    Fault(int number, FaultKind kind, int target, long paramMillis, long injectedNanos, long healedNanos, String detail) {
        this(number, kind, target, paramMillis, injectedNanos, healedNanos, detail, -1, injectedNanos);
    }

    boolean affectsAll() {
        return target < 0;
    }

    String targetName() {
        return affectsAll() ? "all" : "m" + target;
    }
}
