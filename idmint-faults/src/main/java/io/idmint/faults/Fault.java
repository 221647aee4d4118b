package io.idmint.faults;

/**
 * One injected fault: its kind, its target member (-1 for etcd: every member is affected), a parameter
 * (the clock step in ms, or the hold in ms), and when it was injected and healed on this JVM's monotonic
 * clock. Recovery is measured from {@code healedNanos} by the checker, from what the clients saw.
 */
record Fault(int number, FaultKind kind, int target, long paramMillis, long injectedNanos, long healedNanos, String detail) {
    boolean affectsAll() {
        return target < 0;
    }

    String targetName() {
        return affectsAll() ? "all" : "m" + target;
    }
}
