package io.idmint.postgres;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a backfill run is: rows given an ID by this run so far, of the rows without one when it started.
 *
 * @param done rows this run has given an ID (committed)
 * @param total rows without an ID when this run started (rows inserted since get theirs from the trigger)
 * @param elapsed since this run started
 */
public record BackfillProgress(long done, long total, Duration elapsed) {
    /** Rows per second so far; 0 before the first batch. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** At the rate so far; null before the first batch. */
    public Duration eta() {
        double rate = rate();
        return rate <= 0 ? null : Duration.ofMillis((long) (Math.max(0, total - done) / rate * 1000));
    }

    /** A terminal's progress bar, redrawn in place with a carriage return: {@code [#####-----]  50.0% ...}. */
    public String bar(int width) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + line();
    }

    /** One plain line, for logs and pipes: {@code 50,000/100,000 rows (50.0%), 12,345 rows/s, ETA 4 s}. */
    public String line() {
        double percent = total == 0 ? 100 : 100.0 * done / total;
        Duration eta = eta();
        return String.format(Locale.ROOT, "%,d/%,d rows (%.1f%%), %,.0f rows/s, ETA %s", done, total, percent, rate(),
                eta == null ? "-" : format(eta));
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : s + " s";
    }
}
