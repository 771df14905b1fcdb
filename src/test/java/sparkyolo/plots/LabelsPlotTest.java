package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.io.HadoopFiles;

class LabelsPlotTest {
    private static final HadoopFiles FILES = HadoopFiles.local();

    @TempDir
    Path dir;

    @Test
    void writesLabelsAndCorrelogramJpegs() throws Exception {
        LabelsPlot.write(FILES, dir.toString(), labels(3, 400), List.of("person", "car", "dog"));

        BufferedImage labels = Images.read(FILES, dir.resolve("labels.jpg").toString());
        assertEquals(LabelsPlot.SIZE, labels.getWidth());
        assertEquals(LabelsPlot.SIZE, labels.getHeight());
        int half = LabelsPlot.SIZE / 2;
        // Top left: one bar per class in its palette colour (JPEG shifts colours a little).
        for (int c = 0; c < 3; c++) {
            assertTrue(Images.countNear(labels, PlotColors.ofClass(c), 24, 0, 0, half, half) > 500,
                    "class " + c + " bar");
        }
        // Top right: box outlines in class colours; bottom: the two 2-D histograms.
        assertTrue(Images.countNear(labels, PlotColors.ofClass(0), 40, half, 0, 2 * half, half) > 100, "boxes");
        assertTrue(nonWhite(labels, 0, half, half, 2 * half) > 10_000, "x/y histogram");
        assertTrue(nonWhite(labels, half, half, 2 * half, 2 * half) > 10_000, "width/height histogram");

        BufferedImage correlogram = Images.read(FILES, dir.resolve("labels_correlogram.jpg").toString());
        assertEquals(LabelsPlot.CORRELOGRAM_SIZE, correlogram.getWidth());
        assertEquals(LabelsPlot.CORRELOGRAM_SIZE, correlogram.getHeight());
        int cell = LabelsPlot.CORRELOGRAM_SIZE / 4;
        assertTrue(nonWhite(correlogram, 0, 3 * cell, cell, 4 * cell) > 5_000, "lower-left panel is drawn");
        assertEquals(0, nonWhite(correlogram, 3 * cell + 10, 10, 4 * cell - 10, cell - 10), "upper triangle is empty");
    }

    @Test
    void identicalBoxesStillPlot() {
        float[][] same = {{0, 0.5f, 0.5f, 0.2f, 0.2f}, {0, 0.5f, 0.5f, 0.2f, 0.2f}};
        BufferedImage image = LabelsPlot.render(same, List.of());
        assertEquals(LabelsPlot.SIZE, image.getWidth());
        assertTrue(Images.countNonWhite(image) > 1000);
    }

    @Test
    void noLabelsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LabelsPlot.render(new float[0][], List.of()));
    }

    private static int nonWhite(BufferedImage image, int x0, int y0, int x1, int y1) {
        return Images.countNonWhite(image.getSubimage(x0, y0, x1 - x0, y1 - y0));
    }

    /** Rows [cls, cx, cy, w, h] spread over the image, class c with (c + 1) shares. */
    private static float[][] labels(int nc, int n) {
        Random random = new Random(7);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            int cls = Math.min(nc - 1, (int) Math.sqrt(random.nextInt(nc * nc)));
            rows[i] = new float[] {cls, random.nextFloat(), random.nextFloat(), 0.05f + 0.3f * random.nextFloat(),
                0.05f + 0.3f * random.nextFloat()};
        }
        return rows;
    }
}
