package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.eval.ConfusionMatrix;
import sparkyolo.io.HadoopFiles;

class ConfusionMatrixPlotTest {
    private static final HadoopFiles FILES = HadoopFiles.local();
    /** The darkest colour of matplotlib's Blues, which a normalized 1.0 gets. */
    private static final Color DARKEST_BLUE = new Color(0x08306B);

    @TempDir
    Path dir;

    @Test
    void columnsAreNormalizedByTheTrueClassCount() {
        double[][] counts = {{3, 0, 1}, {1, 0, 1}, {0, 0, 0}};
        double[][] n = ConfusionMatrixPlot.normalizeColumns(counts);
        assertArrayEquals(new double[] {0.75, 0.0, 0.5}, n[0], 1e-6);
        assertArrayEquals(new double[] {0.25, 0.0, 0.5}, n[1], 1e-6);
        assertArrayEquals(new double[] {0.0, 0.0, 0.0}, n[2], 1e-6);
    }

    @Test
    void writesTheHeatMapOfAProcessedMatrix() throws Exception {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.processBatch(new float[][] {{0, 0, 10, 10, 0.9f, 0}, {20, 20, 30, 30, 0.8f, 1}},
                new float[][] {{0, 0, 0, 10, 10}, {1, 20, 20, 30, 30}});
        ConfusionMatrixPlot.write(FILES, dir.toString(), cm, List.of("cat", "dog"));

        BufferedImage image = Images.read(FILES, dir.resolve("confusion_matrix.png").toString());
        assertEquals(ConfusionMatrixPlot.WIDTH, image.getWidth());
        assertEquals(ConfusionMatrixPlot.HEIGHT, image.getHeight());
        // Both classes were always right: two full cells (1.00) on the diagonal.
        assertTrue(Images.countNear(image, DARKEST_BLUE, 12) > 2 * 100 * 100);
    }

    @Test
    void valuesAreWrittenInTheCellsBelow30Classes() {
        assertTrue(ConfusionMatrixPlot.annotates(29));
        assertFalse(ConfusionMatrixPlot.annotates(30));
        assertTrue(textInsideTheOnlyCell(2), "a 2-class matrix shows 1.00 in its cell");
        assertFalse(textInsideTheOnlyCell(30), "a 30-class matrix shows no values");
    }

    @Test
    void namesLabelTheTicksOnlyWhenThereIsOnePerClass() {
        assertTrue(ConfusionMatrixPlot.namesTicks(List.of("a", "b"), 2));
        assertFalse(ConfusionMatrixPlot.namesTicks(List.of("a"), 2));
        assertFalse(ConfusionMatrixPlot.namesTicks(List.of(), 2));
        assertFalse(ConfusionMatrixPlot.namesTicks(Collections.nCopies(99, "x"), 99));
    }

    /** Renders a matrix whose only non-zero cell is [0][0] and looks for black text inside it. */
    private static boolean textInsideTheOnlyCell(int nc) {
        double[][] counts = new double[nc + 1][nc + 1];
        counts[0][0] = 4;
        BufferedImage image = ConfusionMatrixPlot.render(counts, List.of());
        // Cell [0][0] is at the top left; the left half keeps the colour bar's dark end out.
        Rectangle cell = boundsOf(image.getSubimage(0, 0, image.getWidth() / 2, image.getHeight()), DARKEST_BLUE, 12);
        assertTrue(cell.width > 20 && cell.height > 20, "the cell is drawn: " + cell);
        return Images.countNear(image, Color.BLACK, 40, cell.x, cell.y, cell.x + cell.width, cell.y + cell.height) > 0;
    }

    private static Rectangle boundsOf(BufferedImage image, Color color, int tolerance) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (Images.near(new Color(image.getRGB(x, y)), color, tolerance)) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? new Rectangle() : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
