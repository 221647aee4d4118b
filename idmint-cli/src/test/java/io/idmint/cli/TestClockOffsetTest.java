package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.idmint.core.ManualTimeSource;
import io.idmint.core.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault suite's clock control: read at start, followed while running, and every change logged. */
class TestClockOffsetTest {
    static final long BASE = 1_800_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void startsWithTheFilesOffsetAndFollowsItsChanges() throws Exception {
        Path file = dir.resolve("offset");
        Files.writeString(file, "-5000");
        ManualTimeSource base = new ManualTimeSource(BASE);
        RecordingLogger logged = new RecordingLogger();
        TestClockOffset offset = TestClockOffset.start(file, logged);
        TimeSource clock = offset.wrap(base);
        TimeSource other = offset.wrap(new ManualTimeSource(BASE + 7));
        assertThat(clock.currentTimeMillis()).isEqualTo(BASE - 5000); // from the first read on
        assertThat(other.currentTimeMillis()).as("one offset for every generator's clock").isEqualTo(BASE + 7 - 5000);

        Files.writeString(file, "-1200");
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.currentTimeMillis() == BASE - 1200);
        base.advance(10);
        assertThat(clock.currentTimeMillis()).isEqualTo(BASE - 1190);
        assertThat(logged.text())
                .contains("TEST clock offset now -5000 ms").contains("TEST clock offset now -1200 ms");
    }

    @Test
    void aMissingFileMeansNoOffsetAndGarbageKeepsTheLastOne() throws Exception {
        Path file = dir.resolve("absent");
        RecordingLogger logged = new RecordingLogger();
        TimeSource clock = TestClockOffset.start(file, logged)
                .wrap(new ManualTimeSource(BASE));
        assertThat(clock.currentTimeMillis()).isEqualTo(BASE);
        Files.writeString(file, "five seconds");
        await().atMost(Duration.ofSeconds(5)).until(() -> logged.text().contains("unreadable"));
        assertThat(logged.text()).contains("unreadable, offset stays 0 ms");
        assertThat(clock.currentTimeMillis()).isEqualTo(BASE);
    }
}
