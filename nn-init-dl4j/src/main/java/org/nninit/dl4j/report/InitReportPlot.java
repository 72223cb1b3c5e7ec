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
        XYChart chart = new XYChartBuilder().width(900).height(520).title("InitReport: " + title)
                .xAxisTitle("layer").yAxisTitle("log10(value)").build();
        // log10 on a linear axis rather than XChart's log axis, which labels decades only: a few decades
        // get one label, fifty get a crowded column.
        int added = 0;
        added += add(chart, report.rows(), "pre-activation std", LayerStats::preStd);
        added += add(chart, report.rows(), "post-activation std", LayerStats::postStd);
        added += add(chart, report.rows(), "gradient norm", LayerStats::gradNorm);
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

    /** Adds log10 of the positive, finite points of one statistic; a logarithm cannot show the rest. */
    private static int add(XYChart chart, List<LayerStats> rows, String name, ToDoubleFunction<LayerStats> f) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (LayerStats r : rows) {
            double y = f.applyAsDouble(r);
            if (y > 0 && Double.isFinite(y)) {
                xs.add((double) r.index());
                ys.add(Math.log10(y));
            }
        }
        if (xs.isEmpty()) {
            return 0;
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        return 1;
    }
}
