package io.idmint.core.issuing;

import java.util.function.Supplier;

/**
 * The process's clock check: where its {@link ClockStatus} comes from, and whether readiness requires
 * the kernel to report the clock synchronized (off by default: reported only, since many hosts run
 * without NTP discipline in their own view yet keep good time through the hypervisor).
 *
 * @param status reads the kernel's view, cheaply, on every health request
 * @param readinessRequiresSync whether an unsynchronized clock makes the process not ready
 */
public record ClockCheck(Supplier<ClockStatus> status, boolean readinessRequiresSync) {
    public static final ClockCheck NONE = new ClockCheck(() -> ClockStatus.UNKNOWN, false);
}
