package sparkyolo.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import sparkyolo.io.HadoopFiles;

/**
 * results.png, the original's plot_results: a 2×5 grid of one results.csv column per panel
 * against the epoch (train losses, precision, recall, val losses, then the two mAPs), each with
 * the values and a smoothed line (gaussian_filter1d, sigma 3, as later Ultralytics releases draw).
 */
public final class ResultsPlot {
    /** results.csv columns in panel order (the original's {@code [1, 2, 3, 4, 5, 8, 9, 10, 6, 7]}). */
    static final int[] PANEL_COLUMNS = {1, 2, 3, 4, 5, 8, 9, 10, 6, 7};
    /** figsize (12, 6) at dpi 200. */
    public static final int WIDTH = 2400;
    public static final int HEIGHT = 1200;
    private static final double SCALE = 2.0;
    private static final double SMOOTH_SIGMA = 3.0;

    private ResultsPlot() {
    }

    /** Reads {@code csvPath} and writes results.png beside it; returns the PNG's path. */
    public static String writeFromCsv(HadoopFiles files, String csvPath) throws IOException {
        String dir = HadoopFiles.parent(csvPath);
        String png = dir == null ? "results.png" : HadoopFiles.resolve(dir, "results.png");
        write(files, ResultsCsv.read(files, csvPath), png);
        return png;
    }

    public static void write(HadoopFiles files, List<ResultsCsv.Row> rows, String path) throws IOException {
        PlotOutput.write(files, path, render(rows));
    }

    public static BufferedImage render(List<ResultsCsv.Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("results.csv has no rows to plot");
        }
        double[] epochs = column(rows, 0);
        int cellWidth = (int) (WIDTH / SCALE) / 5;
        int cellHeight = (int) (HEIGHT / SCALE) / 2;
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < PANEL_COLUMNS.length; i++) {
            int c = PANEL_COLUMNS[i];
            XYChart chart = Charts.xy(cellWidth, cellHeight, ResultsCsv.COLUMNS.get(c), null, null);
            double[] y = column(rows, c);
            Charts.line(chart, "results", epochs, y, PlotColors.MATPLOTLIB_CYCLE[0], Charts.solid(2f),
                    SeriesMarkers.CIRCLE);
            Charts.line(chart, "smooth", epochs, Smoothing.gaussian(y, SMOOTH_SIGMA), PlotColors.MATPLOTLIB_CYCLE[1],
                    Charts.dotted(2f), null);
            chart.getStyler().setMarkerSize(5);
            // The original puts the legend on the second panel only, inside the axes.
            if (i == 1) {
                chart.getStyler().setLegendVisible(true);
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            }
            panels.add(chart::paint);
        }
        return Canvas.grid(panels, 2, 5, (int) (WIDTH / SCALE), (int) (HEIGHT / SCALE), SCALE);
    }

    private static double[] column(List<ResultsCsv.Row> rows, int column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).column(column);
        }
        return out;
    }
}
