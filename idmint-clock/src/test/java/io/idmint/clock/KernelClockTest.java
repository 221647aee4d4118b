package io.idmint.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.issuing.ClockStatus;
import org.junit.jupiter.api.Test;

/** The kernel's view of the clock: the real call on this host, and what each answer means. */
class KernelClockTest {
    @Test
    void thisHostsKernelAnswersWithAStateAndAnErrorBound() {
        ClockStatus s = KernelClock.host().get();
        // A Linux test host always answers; whether NTP is synchronized depends on the host.
        assertThat(s.ntp()).isNotEqualTo(ClockStatus.Ntp.UNKNOWN);
        assertThat(s.maxErrorMillis()).isGreaterThanOrEqualTo(0);
        assertThat(s.errorEstimateMillis()).isGreaterThanOrEqualTo(0);
        assertThat(s.detail()).startsWith("adjtimex: state ");
    }

    @Test
    void eachAnswerMeansWhatTheManualPageSays() {
        assertThat(KernelClock.interpret(0, 0x2001, 1_500, 16_000).ntp()).isEqualTo(ClockStatus.Ntp.SYNCHRONIZED);
        assertThat(KernelClock.interpret(0, 0x2001, 1_500, 16_000).errorEstimateMillis()).isEqualTo(1);
        assertThat(KernelClock.interpret(0, 0x2001, 1_500, 16_000).maxErrorMillis()).isEqualTo(16);
        assertThat(KernelClock.interpret(0, KernelClock.STA_UNSYNC, 0, 0).ntp()).as("STA_UNSYNC set")
                .isEqualTo(ClockStatus.Ntp.UNSYNCHRONIZED);
        assertThat(KernelClock.interpret(KernelClock.TIME_ERROR, 0, 0, 0).ntp()).as("TIME_ERROR")
                .isEqualTo(ClockStatus.Ntp.UNSYNCHRONIZED);
        assertThat(KernelClock.interpret(-1, 0, 0, 0).ntp()).isEqualTo(ClockStatus.Ntp.UNKNOWN);
    }
}
