package io.idmint.cli;

import io.idmint.config.IdmintConfig;
import io.idmint.core.TimeSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * TEST ONLY. Shifts this process's wall clock by an offset in milliseconds read from a file, so the fault
 * suite ({@code bin/faults}) can step a running server's clock back the way an NTP step would, without root
 * and without touching the host's clock. The offset applies to every wall-clock read of the generator and the
 * leases; lease deadlines run on {@code System.nanoTime} and are untouched, as on a real host. The file is
 * read at start (so a process can start with its clock behind) and then every {@value #POLL_MILLIS} ms; each
 * change is logged on stderr as {@code idmint: TEST clock offset now N ms}. The flag is hidden: it must
 * never be used in production.
 */
final class TestClockOffset implements TimeSource {
    static final long POLL_MILLIS = 20;

    private final TimeSource base;
    private final Path file;
    private final PrintStream log;
    private volatile long offsetMillis;

    private TestClockOffset(TimeSource base, Path file, PrintStream log) {
        this.base = base;
        this.file = file;
        this.log = log;
    }

    @Override
    public long currentTimeMillis() {
        return base.currentTimeMillis() + offsetMillis;
    }

    static TestClockOffset start(TimeSource base, Path file, PrintStream log) {
        TestClockOffset clock = new TestClockOffset(base, file, log);
        clock.reload();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idmint-test-clock-offset");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(clock::reload, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return clock;
    }

    private void reload() {
        long next;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            next = text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            next = 0;
        } catch (IOException | RuntimeException e) { // keep polling whatever the file holds
            log.println("idmint: TEST clock offset file " + file + " unreadable, offset stays " + offsetMillis + " ms: " + e);
            return;
        }
        if (next != offsetMillis) {
            offsetMillis = next;
            log.println("idmint: TEST clock offset now " + next + " ms");
        }
    }

    /** The hidden flag, as a mixin of {@code serve} and {@code node}. */
    static final class Flag {
        @Option(names = "--test-clock-offset-file", hidden = true,
                description = "TEST ONLY: wall-clock offset in ms read from this file (see bin/faults).")
        Path offsetFile;

        IdmintConfig apply(IdmintConfig cfg, PrintStream log) {
            if (offsetFile == null) {
                return cfg;
            }
            log.println("idmint: WARNING: test-only clock offset from " + offsetFile + " (fault injection; never in production)");
            return cfg.toBuilder().timeSource(start(cfg.timeSource(), offsetFile, log)).build();
        }
    }
}
