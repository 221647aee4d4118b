package io.idmint.benchmarks.soak;

import java.util.List;

/**
 * The leak indicator: the least-squares slope of the server's RSS (each window's mean of its one-second
 * samples) against time, over the second half of the run only. The first half holds the warm-up (JIT compilation, class
 * loading, buffer pools filling), which grows RSS without being a leak; after it a healthy server's
 * RSS is flat, and a leak shows as a steady positive slope.
 */
record RssTrend(double mibPerMinute, int windows) {

    /** From the windows' {@code rss_mean_mib}; {@code NaN} with fewer than two windows in the second half. */
    static RssTrend secondHalf(List<Window> all) {
        List<Window> half = all.subList(all.size() / 2, all.size());
        int n = half.size();
        if (n < 2) {
            return new RssTrend(Double.NaN, n);
        }
        double meanX = 0;
        double meanY = 0;
        for (Window w : half) {
            meanX += w.endSeconds() / 60.0;
            meanY += w.rss().meanMib();
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (Window w : half) {
            double dx = w.endSeconds() / 60.0 - meanX;
            sxy += dx * (w.rss().meanMib() - meanY);
            sxx += dx * dx;
        }
        return new RssTrend(sxy / sxx, n);
    }

    /**
     * The change the fitted line makes across the second half, in MiB, to set against {@link #spreadMib}:
     * a slope whose fitted change is well inside the samples' own spread is noise, not a trend.
     */
    double fittedChangeMib(List<Window> all) {
        List<Window> half = all.subList(all.size() / 2, all.size());
        return half.size() < 2 ? Double.NaN
                : mibPerMinute * (half.get(half.size() - 1).endSeconds() - half.get(0).endSeconds()) / 60.0;
    }

    /** Highest minus lowest window-mean RSS over the second half, in MiB. */
    static double spreadMib(List<Window> all) {
        List<Window> half = all.subList(all.size() / 2, all.size());
        return half.stream().mapToDouble(w -> w.rss().meanMib()).max().orElse(0)
                - half.stream().mapToDouble(w -> w.rss().meanMib()).min().orElse(0);
    }
}
