package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import sparkyolo.detect.Annotator;
import sparkyolo.io.HadoopFiles;

class BatchPlotTest {
    private static final HadoopFiles FILES = HadoopFiles.local();
    private static final List<String> NAMES = List.of("person", "bicycle", "car");

    @TempDir
    Path dir;

    @Test
    void tilesColumnByColumnAndDrawsBoxesInTheClassColour() {
        // 4 images of 200x200 in a 2x2 grid, each a flat grey of its own level.
        BatchPlot.Images images = flatImages(4, 200, 200);
        float[][] targets = {
            {0, 2, 0.5f, 0.5f, 0.5f, 0.5f},   // image 0: a car box from (50, 50) to (150, 150)
            {1, 0, 0.5f, 0.5f, 0.5f, 0.5f},   // image 1: a person box, drawn in the tile below
        };
        Mat mosaic = BatchPlot.render(images, targets, List.of(), NAMES);
        try {
            assertEquals(400, mosaic.rows());
            assertEquals(400, mosaic.cols());
            // Image i sits at column i / 2, row i % 2.
            assertArrayEquals(grey(2), pixel(mosaic, 300, 100), "image 2 in the top right tile");
            assertArrayEquals(grey(1), pixel(mosaic, 100, 300), "image 1 in the bottom left tile");
            assertArrayEquals(grey(3), pixel(mosaic, 300, 300));
            // The box outlines (left edge, bottom edge) carry the class colour; the inside does not.
            assertArrayEquals(bgr(Annotator.color(2)), pixel(mosaic, 50, 100), "car box, left edge");
            assertArrayEquals(bgr(Annotator.color(2)), pixel(mosaic, 100, 150), "car box, bottom edge");
            assertArrayEquals(grey(0), pixel(mosaic, 100, 100), "inside the car box");
            assertArrayEquals(bgr(Annotator.color(0)), pixel(mosaic, 50, 300), "person box in tile 1");
            assertArrayEquals(new double[] {255, 255, 255}, pixel(mosaic, 0, 100), "white tile border");
        } finally {
            mosaic.release();
        }
    }

    @Test
    void predictionsAtOrBelowConfidence025AreNotDrawn() {
        float[][] targets = {{0, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0.2f}, {1, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0.9f}};
        Mat mosaic = BatchPlot.render(flatImages(2, 200, 200), targets, List.of(), NAMES);
        try {
            assertArrayEquals(grey(0), pixel(mosaic, 50, 100), "low-confidence box skipped");
            assertArrayEquals(bgr(Annotator.color(1)), pixel(mosaic, 50, 300), "confident box drawn");
        } finally {
            mosaic.release();
        }
    }

    @Test
    void largeBatchesAreShrunkTo1920AndWrittenAsJpeg() throws Exception {
        // 2 images of 1200 px: a 2x2 grid of 2400 px shrinks to 1920 (tiles of 960).
        BatchPlot.Images images = flatImages(2, 1200, 1200);
        float[][] targets = {{0, 2, 0.5f, 0.5f, 0.5f, 0.5f}};
        String path = dir.resolve("run/train_batch0.jpg").toString();
        BatchPlot.write(FILES, path, images, targets, List.of("/data/images/a.jpg", "/data/images/b.jpg"), NAMES);

        BufferedImage jpeg = Images.read(FILES, path);
        assertEquals(BatchPlot.MAX_SIZE, jpeg.getWidth());
        assertEquals(BatchPlot.MAX_SIZE, jpeg.getHeight());
        // The box (240..720 in the 960 px tile) keeps its colour through the JPEG, within tolerance.
        Scalar car = Annotator.color(2);
        Color expected = new Color((int) car.val[2], (int) car.val[1], (int) car.val[0]);
        assertTrue(Images.near(new Color(jpeg.getRGB(241, 480)), expected, 30), "car box edge");
        // The right half of the grid is white: no image there.
        assertEquals(0, Images.countNonWhite(jpeg.getSubimage(1000, 100, 900, 700)));
    }

    @Test
    void dataMustMatchTheShape() {
        assertThrows(IllegalArgumentException.class, () -> new BatchPlot.Images(new float[10], 1, 2, 2));
    }

    /** Image i is a flat grey of level grey(i), as RGB 0..1. */
    private static BatchPlot.Images flatImages(int n, int h, int w) {
        float[] data = new float[n * 3 * h * w];
        for (int i = 0; i < n; i++) {
            Arrays.fill(data, i * 3 * h * w, (i + 1) * 3 * h * w, (float) (grey(i)[0] / 255.0));
        }
        return new BatchPlot.Images(data, n, h, w);
    }

    private static double[] grey(int image) {
        double level = 40 + 40 * image;
        return new double[] {level, level, level};
    }

    private static double[] pixel(Mat bgr, int x, int y) {
        return bgr.get(y, x);
    }

    private static double[] bgr(Scalar color) {
        return new double[] {color.val[0], color.val[1], color.val[2]};
    }
}
