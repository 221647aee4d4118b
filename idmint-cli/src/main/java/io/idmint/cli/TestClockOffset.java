package io.idmint.cli;

import io.idmint.core.TimeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * TEST ONLY. Shifts this process's wall clocks by an offset in milliseconds read from a file, so the fault
 * suite ({@code bin/faults}) can step a running server's clock back the way an NTP step would, without root
 * and without touching the host's clock. The offset applies to every wall-clock read of the generators and
 * the leases; lease deadlines run on {@code System.nanoTime} and are untouched, as on a real host. The file is
 * read at start (so a process can start with its clock behind) and then every {@value #POLL_MILLIS} ms; each
 * change is logged (a clock event, logger {@code idmint}) as {@code TEST clock offset now N ms}. The flag is hidden: it must
 * never be used in production.
 */
final class TestClockOffset {
    static final long POLL_MILLIS = 20;

    private final Path file;
    private final System.Logger log;
    private volatile long offsetMillis;

    private TestClockOffset(Path file, System.Logger log) {
        this.file = file;
        this.log = log;
    }

    /** Reads the file now and then every {@value #POLL_MILLIS} ms on a daemon thread. */
    static TestClockOffset start(Path file, System.Logger log) {
        TestClockOffset offset = new TestClockOffset(file, log);
        offset.reload();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idmint-test-clock-offset");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(offset::reload, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return offset;
    }

    /** {@code base} shifted by the file's current offset. */
    TimeSource wrap(TimeSource base) {
        return () -> base.currentTimeMillis() + offsetMillis;
    }

    private void reload() {
        long next;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            next = text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            next = 0;
        } catch (IOException | RuntimeException e) { // keep polling whatever the file holds
            log.log(System.Logger.Level.WARNING, "TEST clock offset file " + file + " unreadable, offset stays " + offsetMillis
                    + " ms: " + e, Map.entry("error", String.valueOf(e)));
            return;
        }
        if (next != offsetMillis) {
            offsetMillis = next;
            log.log(System.Logger.Level.WARNING, "TEST clock offset now " + next + " ms", Map.entry("clock_offset_ms", next));
        }
    }

    /** The hidden flag, as a mixin of {@code serve} and {@code node}. */
    static final class Flag {
        @Option(names = "--test-clock-offset-file", hidden = true,
                description = "TEST ONLY: wall-clock offset in ms read from this file (see bin/faults).")
        Path offsetFile;

        /** What wraps every generator's clock: the identity without the flag. */
        UnaryOperator<TimeSource> clock(System.Logger log) {
            if (offsetFile == null) {
                return UnaryOperator.identity();
            }
            log.log(System.Logger.Level.WARNING, "test-only clock offset from " + offsetFile
                    + " (fault injection; never in production)");
            return start(offsetFile, log)::wrap;
        }
    }
}
