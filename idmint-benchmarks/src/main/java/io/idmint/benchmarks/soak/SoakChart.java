package io.idmint.benchmarks.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@code soak.png} from {@code soak.csv}: latency percentiles over time on top (log axis, since
 * p50 and p99.9 are orders of magnitude apart), the server's RSS over time below (from 0 MiB, so a flat
 * line looks flat and a leak looks like one). 1000x700 px, readable at README width.
 *
 * <p>Usage: {@code SoakChart <soak.csv> <soak.png> [--rate R]}; with {@code --rate} the title names the
 * rate asked for, otherwise the rate achieved (requests per second over the run).
 */
public final class SoakChart {
    static final int WIDTH = 1000;
    static final int LATENCY_HEIGHT = 400;
    static final int MEMORY_HEIGHT = 300;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private SoakChart() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--rate"))) {
            System.err.println("usage: SoakChart <soak.csv> <soak.png> [--rate R]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        List<Window> windows = SoakCsv.read(Path.of(args[0]));
        if (windows.isEmpty()) {
            System.err.println("soak-chart: " + args[0] + " has no windows");
            System.exit(1);
        }
        Double rate = args.length == 4 ? Double.valueOf(args[3]) : null;
        BufferedImage image = stack(latencyChart(windows, rate), memoryChart(windows));
        ImageIO.write(image, "png", Path.of(args[1]).toFile());
        System.out.println("soak-chart: wrote " + args[1]);
    }

    /** The two charts one above the other, in one image. */
    private static BufferedImage stack(XYChart top, XYChart bottom) {
        BufferedImage image = new BufferedImage(WIDTH, LATENCY_HEIGHT + MEMORY_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(top), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(bottom), 0, LATENCY_HEIGHT, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart latencyChart(List<Window> windows, Double rate) {
        XYChart chart = chart(LATENCY_HEIGHT, title(windows, rate),
                "latency from intended start (ms, log scale)");
        chart.getStyler().setYAxisLogarithmic(true).setYAxisDecimalPattern("#,##0.###"); // 10,000, not 1E4
        add(chart, windows, "HTTP p50", w -> w.http().p50Ms(), new Color(0x1f77b4), false);
        add(chart, windows, "HTTP p99", w -> w.http().p99Ms(), new Color(0xff7f0e), false);
        add(chart, windows, "HTTP p99.9", w -> w.http().p999Ms(), new Color(0xd62728), false);
        add(chart, windows, "gRPC GenerateBatch p99", Window::grpcP99Ms, new Color(0x7f7f7f), true);
        // whole decades at both ends: every point inside the plot, and a labelled tick at the top and bottom
        double[] all = windows.stream().flatMapToDouble(w -> DoubleStream.of(w.http().p50Ms(), w.http().p99Ms(),
                w.http().p999Ms(), w.grpcP99Ms())).filter(v -> v > 0).toArray();
        if (all.length > 0) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(DoubleStream.of(all).min().orElse(1)))))
                    .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(DoubleStream.of(all).max().orElse(1)))));
        }
        return chart;
    }

    private static XYChart memoryChart(List<Window> windows) {
        RssTrend trend = RssTrend.secondHalf(windows);
        String slope = Double.isNaN(trend.mibPerMinute()) ? ""
                : String.format(Locale.ROOT, "; slope over the second half %+.2f MiB/min", trend.mibPerMinute());
        XYChart chart = chart(MEMORY_HEIGHT, "Server resident memory (VmRSS, sampled every second)" + slope,
                "RSS (MiB)");
        double max = windows.stream().mapToDouble(w -> w.rss().maxMib()).max().orElse(0);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.ceil(max * 1.2 / 16) * 16);
        add(chart, windows, "mean RSS in window", w -> w.rss().meanMib(), new Color(0x2ca02c), false);
        add(chart, windows, "RSS at window end", w -> w.rss().endMib(), new Color(0x17becf), true);
        add(chart, windows, "max RSS in window", w -> w.rss().maxMib(), new Color(0x98df8a), true);
        return chart;
    }

    private static XYChart chart(int height, String title, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title)
                .xAxisTitle("time since the start of the load (min:s)").yAxisTitle(yAxisTitle).build();
        Styler s = chart.getStyler();
        // the legend below the plot: inside, it would hide the warm-up's points in the top left corner
        s.setChartTitleFont(TITLE).setLegendFont(TICKS).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(false).setMarkerSize(5);
        chart.getStyler().setAxisTitleFont(AXIS_TITLE).setAxisTickLabelsFont(TICKS).setXAxisMin(0.0)
                .setxAxisTickLabelsFormattingFunction(SoakChart::minutesSeconds)
                .setPlotGridLinesColor(new Color(0xdddddd));
        return chart;
    }

    /** An x value in minutes as m:ss. */
    private static String minutesSeconds(double minutes) {
        long seconds = Math.round(minutes * 60);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static void add(XYChart chart, List<Window> windows, String name, ToDoubleFunction<Window> y, Color color,
                            boolean dashed) {
        boolean log = chart.getStyler().isYAxisLogarithmic();
        double[] xs = windows.stream().mapToDouble(w -> w.endSeconds() / 60.0).toArray();
        // a window without answers has no latency: a gap in the line (NaN), which a log axis also accepts
        double[] ys = windows.stream().mapToDouble(y).map(v -> log && v <= 0 ? Double.NaN : v).toArray();
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
    }

    /** Names the load, the run's length and its date (UTC), and the error count. */
    private static String title(List<Window> windows, Double rate) {
        Window last = windows.get(windows.size() - 1);
        long requests = windows.stream().mapToLong(Window::requests).sum();
        long errors = windows.stream().mapToLong(Window::errors).sum();
        String rateText = rate != null ? String.format(Locale.ROOT, "%,.0f req/s", rate)
                : String.format(Locale.ROOT, "%,.0f req/s achieved", requests / (double) last.endSeconds());
        return String.format(Locale.ROOT, "idmint soak: GET /api/v1/ids at %s (open loop) for %s, %s;"
                        + " %,d errors in %,d requests", rateText, duration(last.endSeconds()),
                last.utcEnd().atOffset(ZoneOffset.UTC).toLocalDate(), errors, requests);
    }

    private static String duration(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
