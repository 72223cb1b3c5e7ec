package org.nninit.dl4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG behind {@link InitReport#writePlot(Path)}. */
final class InitReportPlot {

    private InitReportPlot() {
    }

    static Path write(InitReport report, String title, Path png) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        XYChart chart = new XYChartBuilder().width(900).height(560).title("InitReport: " + title)
                .xAxisTitle("layer").yAxisTitle("log10(value)").build();
        List<LayerStats> rows = report.rows();
        // Layer names under the ticks (an index means nothing to the reader); ticks between layers stay blank.
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 0 && i < rows.size() ? rows.get((int) i).name() : "";
        });
        chart.getStyler().setXAxisLabelRotation(45);
        List<Runnable> markers = new ArrayList<>();
        // log10 on a linear axis rather than XChart's log axis, which labels decades only: a few decades
        // get one label, fifty get a crowded column.
        int added = 0;
        added += add(chart, rows, "pre-activation std", LayerStats::preStd, markers);
        added += add(chart, rows, "post-activation std", LayerStats::postStd, markers);
        added += add(chart, rows, "gradient norm", LayerStats::gradNorm, markers);
        // After the full series: XChart 3.8.8 loops forever laying out the x axis when a one-point series is
        // added before a longer one.
        markers.forEach(Runnable::run);
        if (added == 0) {
            throw new IllegalStateException("nothing to plot: every statistic is 0 or NaN");
        }
        try {
            if (png.toAbsolutePath().getParent() != null) {
                Files.createDirectories(png.toAbsolutePath().getParent());
            }
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + png, e);
        }
        return png.toString().endsWith(".png") ? png : Path.of(png + ".png");
    }

    /**
     * Adds log10 of one statistic, one point per layer at the layer's position: a layer without a value (no
     * gradient, NaN) leaves a gap rather than a line drawn across it. Where the statistic becomes exactly 0 after
     * positive values (an underflow, or a deliberately zero-initialized layer), the series stops and a marker at
     * its last value says which.
     */
    private static int add(XYChart chart, List<LayerStats> rows, String name, ToDoubleFunction<LayerStats> f,
                           List<Runnable> markers) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        boolean any = false;
        Double last = null;
        for (int i = 0; i < rows.size(); i++) {
            double y = f.applyAsDouble(rows.get(i));
            xs.add((double) i);
            if (y > 0 && Double.isFinite(y)) {
                ys.add(Math.log10(y));
                last = Math.log10(y);
                any = true;
            } else {
                ys.add(null);
                if (y == 0 && last != null) {
                    // A deliberately zero-initialized layer is not an underflow, and says so.
                    String marker = name + (rows.get(i).health() == Health.ZERO_INIT
                            ? ": 0 at " + rows.get(i).name() + " (zero-initialized, intended)"
                            : ": exactly 0 from " + rows.get(i).name());
                    double x = i;
                    double at = last;
                    markers.add(() -> chart.addSeries(marker, List.of(x), List.of(at))
                            .setMarker(SeriesMarkers.TRIANGLE_DOWN));
                    last = null;
                }
            }
        }
        if (!any) {
            return 0;
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        return 1;
    }
}
