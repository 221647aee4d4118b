package io.idmint.core.issuing;

/**
 * What the kernel says of this host's clock (Linux {@code adjtimex}): whether NTP keeps it synchronized,
 * and the error it estimates. Health endpoints report it; readiness may require synchronization.
 *
 * @param ntp whether the kernel considers the clock synchronized
 * @param errorEstimateMillis the kernel's estimated error ({@code esterror}), or -1 when unknown
 * @param maxErrorMillis the kernel's bound on the error ({@code maxerror}), or -1 when unknown
 * @param detail where the figures come from, or why they are unknown
 */
public record ClockStatus(Ntp ntp, long errorEstimateMillis, long maxErrorMillis, String detail) {
    public static final ClockStatus UNKNOWN = new ClockStatus(Ntp.UNKNOWN, -1, -1, "not checked");

    /** The kernel's view of NTP synchronization. */
    public enum Ntp { SYNCHRONIZED, UNSYNCHRONIZED, UNKNOWN }

    /** For JSON: true, false, or null when unknown. */
    public Boolean synchronizedOrNull() {
        return ntp == Ntp.UNKNOWN ? null : ntp == Ntp.SYNCHRONIZED;
    }
}
