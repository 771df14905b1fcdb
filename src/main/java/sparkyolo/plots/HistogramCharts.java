package sparkyolo.plots;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import sparkyolo.util.PyFormat;

/** seaborn-style histograms (histplot) of label statistics as XChart charts. */
final class HistogramCharts {
    static final int BINS = 50;
    private static final int TICK_LABELS = 6;
    /** seaborn's pmax in plot_labels: the densest 10% of the boxes share the darkest colour. */
    private static final double PMAX = 0.9;
    /** seaborn's light-to-C0 colour map for bivariate histograms. */
    private static final Color[] LIGHT_TO_C0 = {new Color(0xEEF3F8), PlotColors.MATPLOTLIB_CYCLE[0]};

    private HistogramCharts() {
    }

    /** Counts of {@code values} in {@link #BINS} bars over their range. */
    static CategoryChart univariate(int width, int height, double[] values, String xTitle, String yTitle) {
        double[] edges = Histograms.edges(values, BINS);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(1.0);
        CategorySeries series = chart.addSeries("count", tickValues(Histograms.centres(edges)),
                toList(Histograms.counts(values, edges)));
        series.setFillColor(PlotColors.MATPLOTLIB_CYCLE[0]);
        return chart;
    }

    /** Counts of (x, y) pairs in {@link #BINS} × {@link #BINS} cells; empty cells stay blank. */
    static HeatMapChart bivariate(int width, int height, double[] x, double[] y, String xTitle, String yTitle) {
        double[] xEdges = Histograms.edges(x, BINS);
        double[] yEdges = Histograms.edges(y, BINS);
        double[][] counts = Histograms.counts2d(x, y, xEdges, yEdges);
        double level = Histograms.saturationLevel(counts, PMAX);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            for (int j = 0; j < BINS; j++) {
                if (counts[i][j] > 0) {
                    cells.add(new Number[] {i, j, Math.min(counts[i][j], level)});
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.addSeries("count", tickValues(Histograms.centres(xEdges)), tickValues(Histograms.centres(yEdges)), cells);
        style(chart.getStyler());
        chart.getStyler().setRangeColors(LIGHT_TO_C0).setMin(0.0).setMax(Math.max(level, 1.0))
                .setDrawBorder(false).setShowValue(false);
        return chart;
    }

    /** The original hides every spine of the label plots, and shows no legend. */
    private static void style(AxesChartStyler styler) {
        Charts.matplotlibLook(styler);
        // XChart applies this to both category axes: 6 of the 50 bin labels, ends included.
        styler.setXAxisMaxLabelCount(TICK_LABELS);
        styler.setXAxisDecimalPattern("0.###").setYAxisDecimalPattern("0.###");
        styler.setPlotBorderVisible(false);
        styler.setLegendVisible(false);
    }

    /** Bin centres to 3 significant digits, as the category tick labels. */
    private static List<Double> tickValues(double[] centres) {
        List<Double> out = new ArrayList<>(centres.length);
        for (double c : centres) {
            out.add(Double.parseDouble(PyFormat.g(c, 3)));
        }
        return out;
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
