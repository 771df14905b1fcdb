package sparkyolo.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import sparkyolo.eval.ApResult;
import sparkyolo.io.HadoopFiles;

/**
 * The validation curves of the original's ap_per_class: PR_curve.png (plot_pr_curve) and
 * F1/P/R_curve.png (plot_mc_curve). Per-class lines get a legend entry when there are fewer than
 * 21 classes and are drawn grey without one otherwise; the mean over classes is drawn thick blue.
 */
public final class CurvePlots {
    /** figsize (9, 6) at dpi 250. */
    public static final int WIDTH = 2250;
    public static final int HEIGHT = 1500;
    private static final double SCALE = 2.5;
    private static final int MAX_LEGEND_CLASSES = 20;
    private static final double MEAN_SMOOTH_FRACTION = 0.05;

    private CurvePlots() {
    }

    /**
     * Writes PR_curve.png, F1_curve.png, P_curve.png and R_curve.png into {@code dir}.
     *
     * @param names all class names of the dataset, indexed by class id
     */
    public static void write(HadoopFiles files, String dir, ApResult result, List<String> names) throws IOException {
        PlotOutput.write(files, HadoopFiles.resolve(dir, "PR_curve.png"), prCurve(result, names));
        PlotOutput.write(files, HadoopFiles.resolve(dir, "F1_curve.png"),
                metricCurve(result, result.f1Curve(), names, "F1"));
        PlotOutput.write(files, HadoopFiles.resolve(dir, "P_curve.png"),
                metricCurve(result, result.precisionCurve(), names, "Precision"));
        PlotOutput.write(files, HadoopFiles.resolve(dir, "R_curve.png"),
                metricCurve(result, result.recallCurve(), names, "Recall"));
    }

    /**
     * Precision (envelope at IoU 0.5) against recall for the classes with predictions, and their
     * mean, labelled with mAP@0.5 over all classes with labels. Each per-class line is labelled with
     * its own class (the original labels by position, which drifts when a class has no predictions).
     */
    public static BufferedImage prCurve(ApResult result, List<String> names) {
        XYChart chart = chart("Precision-Recall Curve", "Recall", "Precision");
        double[] px = result.px();
        double[][] pr = result.prCurve();
        double[] ap50 = result.ap50();
        boolean legend = perClassLegend(result);
        double[] mean = new double[px.length];
        int plotted = 0;
        for (int c = 0; c < pr.length; c++) {
            if (pr[c] == null) {
                continue;
            }
            String label = String.format(Locale.ROOT, "%s %.3f", name(names, result.classes()[c]), ap50[c]);
            addClassLine(chart, legend, plotted, label, px, pr[c]);
            for (int i = 0; i < px.length; i++) {
                mean[i] += pr[c][i];
            }
            plotted++;
        }
        for (int i = 0; plotted > 0 && i < px.length; i++) {
            mean[i] /= plotted;
        }
        Charts.line(chart, String.format(Locale.ROOT, "all classes %.3f mAP@0.5", result.map50()), px, mean,
                PlotColors.BLUE, Charts.solid(3f), null);
        return Canvas.single(chart::paint, (int) (WIDTH / SCALE), (int) (HEIGHT / SCALE), SCALE);
    }

    /**
     * A metric against confidence per class, and the box-smoothed class mean labelled with its
     * maximum and the confidence it is reached at.
     *
     * @param curves [class][px index], one row per {@link ApResult#classes()} entry
     */
    public static BufferedImage metricCurve(ApResult result, double[][] curves, List<String> names, String metric) {
        XYChart chart = chart(metric + "-Confidence Curve", "Confidence", metric);
        double[] px = result.px();
        boolean legend = perClassLegend(result);
        double[] mean = new double[px.length];
        for (int c = 0; c < curves.length; c++) {
            addClassLine(chart, legend, c, name(names, result.classes()[c]), px, curves[c]);
            for (int i = 0; i < px.length; i++) {
                mean[i] += curves[c][i] / curves.length;
            }
        }
        double[] smooth = Smoothing.box(mean, MEAN_SMOOTH_FRACTION);
        int best = argmax(smooth);
        Charts.line(chart, String.format(Locale.ROOT, "all classes %.2f at %.3f", smooth[best], px[best]), px, smooth,
                PlotColors.BLUE, Charts.solid(3f), null);
        return Canvas.single(chart::paint, (int) (WIDTH / SCALE), (int) (HEIGHT / SCALE), SCALE);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = Charts.xy((int) (WIDTH / SCALE), (int) (HEIGHT / SCALE), title, xTitle, yTitle);
        Charts.unitAxes(chart);
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static boolean perClassLegend(ApResult result) {
        return result.classes().length > 0 && result.classes().length <= MAX_LEGEND_CLASSES;
    }

    /** One class's thin line: coloured with a legend entry, or grey without one. */
    private static void addClassLine(XYChart chart, boolean legend, int index, String label, double[] x, double[] y) {
        if (legend) {
            Charts.line(chart, label, x, y, PlotColors.MATPLOTLIB_CYCLE[index % PlotColors.MATPLOTLIB_CYCLE.length],
                    Charts.solid(1f), null);
        } else {
            Charts.line(chart, label, x, y, PlotColors.GREY, Charts.solid(1f), null)
                    .setShowInLegend(false);
        }
    }

    private static String name(List<String> names, int cls) {
        return cls < names.size() ? names.get(cls) : String.valueOf(cls);
    }

    /** First index of the maximum, like np.argmax. */
    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
