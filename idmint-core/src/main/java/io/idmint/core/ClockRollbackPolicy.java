package io.idmint.core;

import java.time.Duration;

/**
 * What a generator does when the clock reads earlier than IDs it already issued (an NTP step, a VM
 * resume, a manual change). Every policy is bounded: none issues an ID that could repeat one already
 * issued, and none waits or runs ahead without limit.
 *
 * <table>
 *   <caption>Policies</caption>
 *   <tr><th>policy</th><th>small rollback</th><th>large rollback</th></tr>
 *   <tr><td>{@link #waitUpTo(Duration)} (default, 1 s)</td><td>blocks until the clock catches up</td>
 *       <td>throws {@link ClockMovedBackwardsException} at once, without waiting</td></tr>
 *   <tr><td>{@link #logicalOffset(Duration)}</td><td>keeps issuing from the last timestamp, ahead of the
 *       clock</td><td>throws when the lead would exceed the bound</td></tr>
 *   <tr><td>{@link #failFast()}</td><td>throws</td><td>throws</td></tr>
 * </table>
 */
public final class ClockRollbackPolicy {
    enum Kind { WAIT, LOGICAL_OFFSET, FAIL_FAST }

    static final Duration MAX_BOUND = Duration.ofHours(1);

    private final Kind kind;
    private final Duration bound;

    private ClockRollbackPolicy(Kind kind, Duration bound) {
        this.kind = kind;
        this.bound = bound;
    }

    /** Blocks the caller until the clock catches up, when that takes at most {@code maxWait}; throws otherwise. */
    public static ClockRollbackPolicy waitUpTo(Duration maxWait) {
        return new ClockRollbackPolicy(Kind.WAIT, checkBound("maxWait", maxWait));
    }

    /**
     * Keeps issuing from the last issued timestamp, so IDs run ahead of the clock by up to
     * {@code maxLead}; throws when the clock is further behind than that. IDs stay unique and increasing;
     * their timestamps read up to {@code maxLead} late until the clock catches up. While the clock is
     * behind, a used-up tick moves the generator one tick further ahead, within the same bound.
     */
    public static ClockRollbackPolicy logicalOffset(Duration maxLead) {
        return new ClockRollbackPolicy(Kind.LOGICAL_OFFSET, checkBound("maxLead", maxLead));
    }

    /** Throws {@link ClockMovedBackwardsException} on any rollback, so the caller can take the node out of service. */
    public static ClockRollbackPolicy failFast() {
        return new ClockRollbackPolicy(Kind.FAIL_FAST, Duration.ZERO);
    }

    /** The default: wait up to one second (seed 004's "small" rollback). */
    public static ClockRollbackPolicy defaultPolicy() {
        return waitUpTo(Duration.ofSeconds(1));
    }

    private static Duration checkBound(String name, Duration d) {
        Preconditions.checkRange(name + " in ms", d.toMillis(), 0, MAX_BOUND.toMillis());
        return d;
    }

    Kind kind() {
        return kind;
    }

    /** {@code wait}, {@code logical-offset} or {@code fail-fast}: how configuration files name the policy. */
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The wait's or the lead's bound; zero for fail-fast. */
    public Duration bound() {
        return bound;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClockRollbackPolicy && ((ClockRollbackPolicy) o).kind == kind
                && ((ClockRollbackPolicy) o).bound.equals(bound);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + bound.hashCode();
    }

    @Override
    public String toString() {
        switch (kind) {
            case WAIT:
                return "wait(up to " + bound.toMillis() + " ms)";
            case LOGICAL_OFFSET:
                return "logical-offset(lead up to " + bound.toMillis() + " ms)";
            default:
                return "fail-fast";
        }
    }
}
