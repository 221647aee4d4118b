package io.idmint.postgres.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code insert-rate.png}: rows per second against rows already in the table, one line per scheme, 1000x560 px. */
final class PgBenchChart {
    private static final Map<Scheme, Color> COLORS = Map.of(Scheme.IDMINT, new Color(0x1f77b4), Scheme.BIGSERIAL, new Color(0x7f7f7f),
            Scheme.UUIDV7, new Color(0x2ca02c), Scheme.UUIDV4, new Color(0xd62728));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private PgBenchChart() {}

    static void write(Path png, List<SchemeResult> results, long rows, LocalDate date) throws IOException {
        boolean millions = rows >= 1_000_000;
        XYChart chart = new XYChartBuilder().width(1000).height(560)
                .title(String.format(Locale.ROOT, "PostgreSQL insert rate by primary-key scheme, %,d rows each (bin/pg-bench, %s)", rows, date))
                .xAxisTitle(millions ? "rows in the table (millions)" : "rows in the table (thousands)")
                .yAxisTitle("rows inserted per second (thousands)").build();
        Styler s = chart.getStyler();
        s.setChartTitleFont(TITLE).setLegendFont(TEXT).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE).setPlotBorderVisible(false)
                .setMarkerSize(4);
        chart.getStyler().setAxisTitleFont(TEXT).setAxisTickLabelsFont(TEXT).setXAxisMin(0.0).setYAxisMin(0.0)
                .setPlotGridLinesColor(new Color(0xdddddd));
        for (SchemeResult r : results) {
            double[][] xy = Report.rates(r);
            double scale = millions ? 1e6 : 1e3;
            double[] x = java.util.Arrays.stream(xy[0]).map(v -> v / scale).toArray();
            double[] y = java.util.Arrays.stream(xy[1]).map(v -> v / 1e3).toArray();
            XYSeries series = chart.addSeries(String.format(Locale.ROOT, "%s (%.1f s, PK index %.0f MB)", r.scheme().label,
                    r.insertSeconds(), r.indexMb()), x, y);
            series.setLineColor(COLORS.get(r.scheme()));
            series.setMarkerColor(COLORS.get(r.scheme()));
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(new BasicStroke(2f));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
