package sparkyolo.plots;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import sparkyolo.io.HadoopFiles;

/**
 * The dataset label plots of the original's plot_labels: labels.jpg (instances per class, every
 * box drawn at the image centre, box centres x/y and sizes width/height as 2-D histograms) and
 * labels_correlogram.jpg (pairwise histograms of x, y, width and height).
 */
public final class LabelsPlot {
    /** labels.jpg: figsize (8, 8) at dpi 200. */
    public static final int SIZE = 1600;
    /** labels_correlogram.jpg: seaborn pairplot of 4 variables at 2.5 inches each, dpi 200. */
    public static final int CORRELOGRAM_SIZE = 2000;
    private static final double SCALE = 2.0;
    private static final int MAX_NAMED_CLASSES = 29;
    private static final int MAX_BOXES_DRAWN = 1000;
    private static final int NUMBERED_CLASS_TICKS = 9;
    private static final String[] BOX_COLUMNS = {"x", "y", "width", "height"};

    private LabelsPlot() {
    }

    /**
     * Writes labels.jpg and labels_correlogram.jpg into {@code dir}.
     *
     * @param labels rows [cls, cx, cy, w, h], box coordinates normalized to 0..1
     */
    public static void write(HadoopFiles files, String dir, float[][] labels, List<String> names) throws IOException {
        PlotOutput.write(files, HadoopFiles.resolve(dir, "labels.jpg"), render(labels, names));
        PlotOutput.write(files, HadoopFiles.resolve(dir, "labels_correlogram.jpg"), correlogram(labels));
    }

    public static BufferedImage render(float[][] labels, List<String> names) {
        requireLabels(labels);
        int cell = (int) (SIZE / SCALE) / 2;
        List<Panel> panels = List.of(
                classHistogram(cell, labels, names)::paint,
                (g, w, h) -> drawCentredBoxes(g, w, h, labels),
                HistogramCharts.bivariate(cell, cell, column(labels, 1), column(labels, 2), "x", "y")::paint,
                HistogramCharts.bivariate(cell, cell, column(labels, 3), column(labels, 4), "width", "height")::paint);
        return Canvas.grid(panels, 2, 2, (int) (SIZE / SCALE), (int) (SIZE / SCALE), SCALE);
    }

    /** The lower triangle of a pairplot: histograms on the diagonal, 2-D histograms below it. */
    public static BufferedImage correlogram(float[][] labels) {
        requireLabels(labels);
        int n = BOX_COLUMNS.length;
        int cell = (int) (CORRELOGRAM_SIZE / SCALE) / n;
        List<Panel> panels = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                // Axis titles on the outer panels only, as seaborn's grid does.
                String xTitle = row == n - 1 ? BOX_COLUMNS[col] : null;
                String yTitle = col == 0 ? BOX_COLUMNS[row] : null;
                double[] x = column(labels, col + 1);
                if (col > row) {
                    panels.add(null);
                } else if (col == row) {
                    panels.add(HistogramCharts.univariate(cell, cell, x, xTitle, yTitle)::paint);
                } else {
                    panels.add(HistogramCharts.bivariate(cell, cell, x, column(labels, row + 1), xTitle, yTitle)::paint);
                }
            }
        }
        return Canvas.grid(panels, n, n, (int) (CORRELOGRAM_SIZE / SCALE), (int) (CORRELOGRAM_SIZE / SCALE), SCALE);
    }

    /** Instances per class, each bar in its class colour; class names under the bars for < 30 names. */
    private static CategoryChart classHistogram(int size, float[][] labels, List<String> names) {
        int nc = (int) Arrays.stream(labels).mapToDouble(l -> l[0]).max().orElse(0) + 1;
        double[] counts = new double[nc];
        for (float[] l : labels) {
            counts[(int) l[0]]++;
        }
        boolean named = !names.isEmpty() && names.size() <= MAX_NAMED_CLASSES;
        List<String> categories = new ArrayList<>(nc);
        for (int c = 0; c < nc; c++) {
            categories.add(named && c < names.size() ? names.get(c) : String.valueOf(c));
        }
        CategoryChart chart = new CategoryChartBuilder().width(size).height(size)
                .xAxisTitle(named ? null : "classes").yAxisTitle("instances").build();
        Charts.matplotlibLook(chart.getStyler());
        chart.getStyler().setPlotBorderVisible(false).setLegendVisible(false);
        chart.getStyler().setStacked(true).setAvailableSpaceFill(0.8);
        if (named) {
            chart.getStyler().setXAxisLabelRotation(90);
        } else if (nc > NUMBERED_CLASS_TICKS) {
            chart.getStyler().setXAxisMaxLabelCount(NUMBERED_CLASS_TICKS);
        }
        // One series per class, non-zero only at its own bar, so each bar takes its class colour.
        for (int c = 0; c < nc; c++) {
            List<Double> values = new ArrayList<>(nc);
            for (int k = 0; k < nc; k++) {
                values.add(k == c ? counts[c] : 0.0);
            }
            CategorySeries series = chart.addSeries("class " + c, categories, values);
            series.setFillColor(PlotColors.ofClass(c));
        }
        return chart;
    }

    /** The first 1000 boxes outlined at the centre of a square image, each in its class colour. */
    private static void drawCentredBoxes(Graphics2D g, int width, int height, float[][] labels) {
        double side = Math.min(width, height) * 0.9;
        double left = (width - side) / 2;
        double top = (height - side) / 2;
        g.setStroke(new BasicStroke(0.5f));
        for (int i = 0; i < Math.min(labels.length, MAX_BOXES_DRAWN); i++) {
            float[] l = labels[i];
            double w = l[3] * side;
            double h = l[4] * side;
            g.setColor(PlotColors.ofClass((int) l[0]));
            g.draw(new Rectangle2D.Double(left + (side - w) / 2, top + (side - h) / 2, w, h));
        }
    }

    private static void requireLabels(float[][] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("no labels to plot");
        }
    }

    private static double[] column(float[][] rows, int column) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][column];
        }
        return out;
    }
}
