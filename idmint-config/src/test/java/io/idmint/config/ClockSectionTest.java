package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code clock:} section: what a process requires of its clock. */
class ClockSectionTest {
    @TempDir
    Path dir;

    @Test
    void readsBothSettingsAndDefaultsToReportOnlyWithATenSecondBound() {
        assertThat(ConfigFiles.load(dir, "").clock()).isEqualTo(new ClockSettings(false, 10_000));
        assertThat(ConfigFiles.load(dir, "clock:\n  requireNtpSync: true\n  maxOffsetToPeersMillis: 2500\n").clock())
                .isEqualTo(new ClockSettings(true, 2_500));
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheLimit() {
        assertThat(ConfigFiles.problems(dir, "clock:\n  requireNtpSync: sometimes\n  maxOffsetToPeersMillis: -1\n  skew: 3\n"))
                .containsExactly("unknown key clock.skew: known keys are [maxOffsetToPeersMillis, requireNtpSync]",
                        "clock.requireNtpSync must be true or false: clock.requireNtpSync=\"sometimes\" (example: requireNtpSync: true)",
                        "clock.maxOffsetToPeersMillis must be 0..3600000: clock.maxOffsetToPeersMillis=-1 (example: maxOffsetToPeersMillis: 10000)");
    }
}
