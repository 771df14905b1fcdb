package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansAnchorsTest {
    @Test
    void recoversSyntheticLabelSizes() {
        double[][] sizes = {{12, 16}, {40, 30}, {60, 120}};
        Random noise = new Random(5);
        double[][] wh = new double[300][];
        for (int i = 0; i < wh.length; i++) {
            double[] s = sizes[i % 3];
            wh[i] = new double[] {s[0] * (0.97 + 0.06 * noise.nextDouble()), s[1] * (0.97 + 0.06 * noise.nextDouble())};
        }
        double[][] anchors = KMeansAnchors.evolve(wh, 3, 640, 4.0, 200, new Random(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(sizes[i][0], anchors[i][0], sizes[i][0] * 0.05);
            assertEquals(sizes[i][1], anchors[i][1], sizes[i][1] * 0.05);
        }
    }

    @Test
    void coco128AnchorsAreSortedByAreaAndDeterministic() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        long start = System.nanoTime();
        double[][] a = KMeansAnchors.evolve(data, 9, 320, 4.0, KMeansAnchors.DEFAULT_GENERATIONS, new Random(11));
        double seconds = (System.nanoTime() - start) / 1e9;
        double[][] b = KMeansAnchors.evolve(data, 9, 320, 4.0, KMeansAnchors.DEFAULT_GENERATIONS, new Random(11));
        assertEquals(9, a.length);
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(a[i], b[i]);
            if (i > 0) {
                assertTrue(a[i][0] * a[i][1] >= a[i - 1][0] * a[i - 1][1], "sorted by area");
            }
        }
        assertTrue(seconds < 10, "k-means and 1000 generations took " + seconds + " s");
        double[][] defaults = AnchorLevels.flatten(AutoAnchorCoco128Test.DEFAULT_ANCHORS);
        double[][] wh = data.pixelWh(320);
        assertTrue(AnchorStats.of(wh, a, 4.0).bpr() > AnchorStats.of(wh, defaults, 4.0).bpr());
    }

    @Test
    void fallsBackToRandomStartWhenKMeansFindsTooFewClusters() {
        // Two distinct sizes cannot make three centroids; the original then starts from random anchors.
        double[][] wh = new double[20][];
        for (int i = 0; i < wh.length; i++) {
            wh[i] = i % 2 == 0 ? new double[] {10, 20} : new double[] {50, 40};
        }
        double[][] anchors = KMeansAnchors.evolve(wh, 3, 64, 4.0, 500, new Random(0));
        assertEquals(3, anchors.length);
        assertTrue(AnchorStats.of(wh, anchors, 4.0).bpr() == 1.0, "evolution fits both sizes");
    }

    @Test
    void allTinyLabelsAreAClearError() {
        double[][] wh = new double[50][];
        for (int i = 0; i < wh.length; i++) {
            wh[i] = new double[] {1.5, 1.0};
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeansAnchors.evolve(wh, 9, 320, 4.0, 10, new Random(0)));
        assertTrue(e.getMessage().contains("cannot fit 9 anchors to 0 labels of 2 pixels or more (of 50 labels"),
                e.getMessage());
    }

    @Test
    void fewerLabelsThanAnchorsIsAClearError() {
        double[][] wh = {{10, 10}, {20, 30}, {40, 50}, {80, 60}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeansAnchors.evolve(wh, 9, 320, 4.0, 10, new Random(0)));
        assertTrue(e.getMessage().contains("cannot fit 9 anchors to 4 labels"), e.getMessage());
    }
}
