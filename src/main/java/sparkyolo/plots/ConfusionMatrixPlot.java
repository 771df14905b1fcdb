package sparkyolo.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import sparkyolo.eval.ConfusionMatrix;
import sparkyolo.io.HadoopFiles;

/**
 * confusion_matrix.png as the original's ConfusionMatrix.plot: counts normalized per true class
 * (column), cells under 0.005 left blank, a Blues heat map with predicted classes down and true
 * classes across, values written in the cells when there are fewer than 30 classes.
 */
public final class ConfusionMatrixPlot {
    /** figsize (12, 9) at dpi 250. */
    public static final int WIDTH = 3000;
    public static final int HEIGHT = 2250;
    private static final double SCALE = 2.5;
    private static final double BLANK_BELOW = 0.005;
    private static final int MAX_ANNOTATED_CLASSES = 29;
    private static final int MAX_NAMED_CLASSES = 98;
    /** matplotlib's 'Blues' colour map. */
    private static final Color[] BLUES = {new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF),
        new Color(0x9ECAE1), new Color(0x6BAED6), new Color(0x4292C6), new Color(0x2171B5), new Color(0x08519C),
        new Color(0x08306B)};

    private ConfusionMatrixPlot() {
    }

    /** Writes confusion_matrix.png into {@code dir}. */
    public static void write(HadoopFiles files, String dir, ConfusionMatrix matrix, List<String> names)
            throws IOException {
        PlotOutput.write(files, HadoopFiles.resolve(dir, "confusion_matrix.png"), render(matrix.matrix(), names));
    }

    /**
     * @param counts [predicted][true], background at index nc
     * @param names  class names; used as tick labels only when there are exactly nc of them (and
     *               fewer than 99), otherwise ticks are numbered, as in the original
     */
    public static BufferedImage render(double[][] counts, List<String> names) {
        int nc = counts.length - 1;
        double[][] normalized = normalizeColumns(counts);
        boolean named = namesTicks(names, nc);
        List<String> trueLabels = tickLabels(names, named, nc, "background FP");
        List<String> predictedLabels = tickLabels(names, named, nc, "background FN");
        // XChart's y categories run bottom-up; the original's rows run top-down.
        List<String> yLabels = new ArrayList<>(predictedLabels);
        Collections.reverse(yLabels);

        List<Number[]> cells = new ArrayList<>();
        double max = 0.0;
        for (int p = 0; p <= nc; p++) {
            for (int t = 0; t <= nc; t++) {
                if (normalized[p][t] >= BLANK_BELOW) {
                    cells.add(new Number[] {t, nc - p, normalized[p][t]});
                    max = Math.max(max, normalized[p][t]);
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width((int) (WIDTH / SCALE)).height((int) (HEIGHT / SCALE))
                .title("Confusion Matrix").xAxisTitle("True").yAxisTitle("Predicted").build();
        chart.addSeries("confusion", trueLabels, yLabels, cells);
        style(chart.getStyler(), nc, max);
        return Canvas.single(chart::paint, (int) (WIDTH / SCALE), (int) (HEIGHT / SCALE), SCALE);
    }

    /** The original's {@code annot=nc < 30}. */
    static boolean annotates(int nc) {
        return nc <= MAX_ANNOTATED_CLASSES;
    }

    /** The original's {@code labels = (0 < nn < 99) and (nn == nc)}. */
    static boolean namesTicks(List<String> names, int nc) {
        return !names.isEmpty() && names.size() <= MAX_NAMED_CLASSES && names.size() == nc;
    }

    /** Each column divided by its sum (+1e-9, so empty columns stay 0). */
    static double[][] normalizeColumns(double[][] counts) {
        int n = counts.length;
        double[][] out = new double[n][n];
        for (int t = 0; t < n; t++) {
            double sum = 0.0;
            for (int p = 0; p < n; p++) {
                sum += counts[p][t];
            }
            for (int p = 0; p < n; p++) {
                out[p][t] = counts[p][t] / (sum + 1e-9);
            }
        }
        return out;
    }

    private static List<String> tickLabels(List<String> names, boolean named, int nc, String background) {
        List<String> labels = new ArrayList<>(nc + 1);
        for (int i = 0; i < nc; i++) {
            labels.add(named ? names.get(i) : String.valueOf(i));
        }
        labels.add(named ? background : String.valueOf(nc));
        return labels;
    }

    private static void style(HeatMapStyler styler, int nc, double max) {
        Charts.matplotlibLook(styler);
        styler.setRangeColors(BLUES);
        styler.setMin(0.0);
        // seaborn's colour range ends at the largest value shown; rounded up to 2 decimals because
        // XChart labels the colour bar with the raw double.
        styler.setMax(max > 0 ? Math.ceil(max * 100) / 100 : 1.0);
        styler.setDrawBorder(false);
        styler.setShowValue(annotates(nc));
        styler.setHeatMapValueDecimalPattern("0.00");
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
        styler.setValueFontColor(Color.BLACK);
        // Tick labels shrink with the class count so each stays within its row.
        int tickSize = (int) Math.max(4, Math.min(10, 700.0 / (nc + 1) * 0.8));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, tickSize));
        if (nc + 1 > 10) {
            styler.setXAxisLabelRotation(90);
        }
    }
}
