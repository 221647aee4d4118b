package io.idmint.config;

/**
 * The {@code clock:} section: what this process requires of its clock.
 *
 * @param requireNtpSync whether readiness requires the kernel to report the clock synchronized (default:
 *     only reported, in health and metrics)
 * @param maxOffsetToPeersMillis how far from its peers' median a leased process's clock may read at start
 *     (default 10000; 0 turns the check off)
 */
public record ClockSettings(boolean requireNtpSync, long maxOffsetToPeersMillis) {
    public static final ClockSettings DEFAULT = new ClockSettings(false, 10_000);
}
