package io.idmint.benchmarks.soak;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second from the start of the load: samples the server's RSS and, every {@code windowSeconds}
 * samples, closes a window and prints its progress line. It closes all windows but the last, which the
 * main thread closes once the load has drained, so the last window holds the final answers too.
 * If the server process disappears (or sampling fails), {@link #failed()} completes and the run is cut
 * short: RSS over time is half of what the soak measures.
 */
final class Sampler {
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerMemory memory;
    private final Windows windows;
    private final int windowSeconds;
    private final int windowCount;
    private final PrintStream progress;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    /** Samples taken; only the timer thread touches it. */
    private long ticks;

    Sampler(ServerMemory memory, Windows windows, int windowSeconds, int windowCount, PrintStream progress) {
        this.memory = memory;
        this.windows = windows;
        this.windowSeconds = windowSeconds;
        this.windowCount = windowCount;
        this.progress = progress;
    }

    void start(long startNanos) {
        long firstDelay = Math.max(0, startNanos + PERIOD_NANOS - System.nanoTime());
        timer.scheduleAtFixedRate(this::tick, firstDelay, PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Completes with a description when the server process is gone or sampling failed. */
    CompletableFuture<String> failed() {
        return failed;
    }

    private void tick() {
        try {
            ticks++;
            long kib = memory.rssKib();
            if (kib < 0) {
                failed.complete("the server process disappeared " + ticks + " s into the run");
                timer.shutdown();
                return;
            }
            windows.rss(kib);
            if (ticks % windowSeconds == 0 && ticks / windowSeconds < windowCount) {
                progress.println(windows.close().progressLine());
            }
        } catch (RuntimeException e) { // a periodic task that throws is silently never run again
            failed.complete("the RSS sampler failed: " + e);
            timer.shutdown();
        }
    }

    /** Stops sampling; afterwards {@link Windows} belongs to the caller (the timer's termination orders it). */
    void stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the RSS sampler did not stop within 10 s");
        }
    }
}
