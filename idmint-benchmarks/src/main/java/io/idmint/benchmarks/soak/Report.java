package io.idmint.benchmarks.soak;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Number formats shared by the CSV, the summary and the progress lines. */
final class Report {
    private Report() {}

    /** A latency percentile of a histogram in microseconds, as milliseconds; 0 for an empty histogram. */
    static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram micros) {
        return micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0;
    }

    /** Three decimals: latencies here range from tens of microseconds to seconds. */
    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    static String mib(double mib) {
        return String.format(Locale.ROOT, "%.1f", mib);
    }

    /** An integer without decimals, a fraction with up to two. */
    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
