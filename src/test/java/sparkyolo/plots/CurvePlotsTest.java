package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.eval.ApPerClass;
import sparkyolo.eval.ApResult;
import sparkyolo.io.HadoopFiles;

class CurvePlotsTest {
    private static final HadoopFiles FILES = HadoopFiles.local();

    @TempDir
    Path dir;

    @Test
    void writesTheFourCurvesWithPerClassLinesAndTheBlueMean() throws Exception {
        ApResult result = syntheticResult(3);
        CurvePlots.write(FILES, dir.toString(), result, names(3));
        for (String name : List.of("PR_curve.png", "F1_curve.png", "P_curve.png", "R_curve.png")) {
            BufferedImage image = Images.read(FILES, dir.resolve(name).toString());
            assertEquals(CurvePlots.WIDTH, image.getWidth(), name);
            assertEquals(CurvePlots.HEIGHT, image.getHeight(), name);
            assertTrue(Images.countNear(image, PlotColors.BLUE, 10) > 1000, name + " has the thick mean line");
            // Fewer than 21 classes: coloured per-class lines (tab10 C0, C1, C2), no grey ones.
            for (int c = 0; c < 3; c++) {
                assertTrue(Images.countNear(image, PlotColors.MATPLOTLIB_CYCLE[c], 10) > 100,
                        name + " has class " + c + "'s line");
            }
        }
    }

    @Test
    void manyClassesAreDrawnGreyWithoutColours() throws Exception {
        ApResult result = syntheticResult(25);
        BufferedImage image = CurvePlots.metricCurve(result, result.f1Curve(), names(25), "F1");
        ApResult few = syntheticResult(3);
        BufferedImage coloured = CurvePlots.metricCurve(few, few.f1Curve(), names(3), "F1");
        // Anti-aliased text has some grey pixels too; grey lines have many more.
        int grey = Images.countNear(image, PlotColors.GREY, 10);
        int textGrey = Images.countNear(coloured, PlotColors.GREY, 10);
        assertTrue(grey > 5 * textGrey + 1000, "per-class lines are grey: " + grey + " vs " + textGrey);
        assertTrue(Images.countNear(image, PlotColors.BLUE, 10) > 1000, "the mean is blue");
        // tab10 orange and green would only come from coloured per-class lines.
        assertEquals(0, Images.countNear(image, PlotColors.MATPLOTLIB_CYCLE[1], 10));
        assertEquals(0, Images.countNear(image, PlotColors.MATPLOTLIB_CYCLE[2], 10));
    }

    @Test
    void classesWithoutPredictionsAreLeftOutOfThePrCurve() {
        // Class 1 has labels but no predictions: its PR row is null and must not break the plot.
        boolean[][] tp = {{true}, {false}, {true}};
        ApResult result = ApPerClass.compute(tp, new double[] {0.9, 0.6, 0.3}, new int[] {0, 0, 2},
                new int[] {0, 1, 2, 2});
        BufferedImage image = CurvePlots.prCurve(result, names(3));
        assertEquals(CurvePlots.WIDTH, image.getWidth());
        assertTrue(Images.countNear(image, PlotColors.BLUE, 10) > 1000);
    }

    /** nc classes, 40 predictions each, true positives more likely at high confidence. */
    private static ApResult syntheticResult(int nc) {
        int perClass = 40;
        int n = nc * perClass;
        boolean[][] tp = new boolean[n][10];
        double[] conf = new double[n];
        int[] predCls = new int[n];
        List<Integer> targets = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < perClass; k++) {
                int i = c * perClass + k;
                conf[i] = 1.0 - (k + 0.5) / perClass;
                predCls[i] = c;
                for (int j = 0; j < 10; j++) {
                    tp[i][j] = (k * 7 + c * 3 + j) % 10 < 10 - k / 5;
                }
            }
            for (int k = 0; k < perClass * 3 / 4; k++) {
                targets.add(c);
            }
        }
        return ApPerClass.compute(tp, conf, predCls, targets.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> names(int nc) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            names.add("class" + c);
        }
        return names;
    }
}
