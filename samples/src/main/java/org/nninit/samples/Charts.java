package org.nninit.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts the samples write as PNG, headless. */
final class Charts {

    private Charts() {
    }

    /**
     * One line per entry of {@code series}, y[i] plotted at x = i + 1 (layer or iteration numbers). With
     * {@code logY}, log10(y) is plotted on a linear axis (XChart's log axis labels every decade, a crowded column
     * over 50 decades), and points that are 0, negative or not finite are left out.
     */
    static Path lines(Path png, String title, String xTitle, String yTitle, boolean logY,
                      Map<String, double[]> series) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle)
                .yAxisTitle(logY ? "log10 " + yTitle : yTitle).build();
        chart.getStyler().setMarkerSize(4);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double[] y = e.getValue();
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(y[i]) && (!logY || y[i] > 0)) {
                    xs.add(i + 1.0);
                    ys.add(logY ? Math.log10(y[i]) : y[i]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + png, e);
        }
        return png;
    }
}
