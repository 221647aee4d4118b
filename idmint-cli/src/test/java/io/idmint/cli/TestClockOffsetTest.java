package io.idmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.ManualTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault suite's clock control: read at start, followed while running, and every change logged. */
class TestClockOffsetTest {
    @TempDir
    Path dir;

    @Test
    void startsWithTheFilesOffsetAndFollowsItsChanges() throws Exception {
        Path file = dir.resolve("offset");
        Files.writeString(file, "-5000");
        ManualTimeSource base = new ManualTimeSource(1_800_000_000_000L);
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        TestClockOffset clock = TestClockOffset.start(base, file, new PrintStream(logged, true, StandardCharsets.UTF_8));
        assertThat(clock.currentTimeMillis()).isEqualTo(1_800_000_000_000L - 5000); // from the first read on

        Files.writeString(file, "-1200");
        assertThat(awaitMillis(clock, 1_800_000_000_000L - 1200)).isTrue();
        base.advance(10);
        assertThat(clock.currentTimeMillis()).isEqualTo(1_800_000_000_000L - 1190);
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("TEST clock offset now -5000 ms").contains("TEST clock offset now -1200 ms");
    }

    @Test
    void aMissingFileMeansNoOffsetAndGarbageKeepsTheLastOne() throws Exception {
        Path file = dir.resolve("absent");
        ManualTimeSource base = new ManualTimeSource(1_800_000_000_000L);
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        TestClockOffset clock = TestClockOffset.start(base, file, new PrintStream(logged, true, StandardCharsets.UTF_8));
        assertThat(clock.currentTimeMillis()).isEqualTo(1_800_000_000_000L);
        Files.writeString(file, "five seconds");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!logged.toString(StandardCharsets.UTF_8).contains("unreadable") && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll pacing for the file poller's next read
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("unreadable, offset stays 0 ms");
        assertThat(clock.currentTimeMillis()).isEqualTo(1_800_000_000_000L);
    }

    private static boolean awaitMillis(TestClockOffset clock, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (clock.currentTimeMillis() == expected) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll pacing for the file poller's next read
        }
        return false;
    }
}
