package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkyolo.random.GlobalRandom;
import sparkyolo.random.NumpyRandomState;

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
        double[][] anchors = KMeansAnchors.evolve(wh, 3, 640, 4.0, 200, GlobalRandom.seeded(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(sizes[i][0], anchors[i][0], sizes[i][0] * 0.05);
            assertEquals(sizes[i][1], anchors[i][1], sizes[i][1] * 0.05);
        }
    }

    @Test
    void coco128AnchorsAreSortedByAreaAndDeterministic() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        double[][] a = KMeansAnchors.evolve(data, 9, 320, 4.0, KMeansAnchors.DEFAULT_GENERATIONS, GlobalRandom.seeded(11));
        double[][] b = KMeansAnchors.evolve(data, 9, 320, 4.0, KMeansAnchors.DEFAULT_GENERATIONS, GlobalRandom.seeded(11));
        assertEquals(9, a.length);
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(a[i], b[i]);
            if (i > 0) {
                assertTrue(a[i][0] * a[i][1] >= a[i - 1][0] * a[i - 1][1], "sorted by area");
            }
        }
        double[][] defaults = AnchorLevels.flatten(AutoAnchorCoco128Test.DEFAULT_ANCHORS);
        float[][] wh = KMeansAnchors.toFloat32(data.pixelWh(320));
        assertTrue(AnchorStats.of(wh, a, 4.0, Precision.FLOAT64).bpr() > AnchorStats.of(wh, defaults, 4.0, Precision.FLOAT64).bpr());
    }

    @Test
    void fallsBackToRandomStartWhenKMeansFindsTooFewClusters() {
        // Two distinct sizes cannot make three centroids; the original then starts from random anchors.
        double[][] wh = new double[20][];
        for (int i = 0; i < wh.length; i++) {
            wh[i] = i % 2 == 0 ? new double[] {10, 20} : new double[] {50, 40};
        }
        double[][] anchors = KMeansAnchors.evolve(wh, 3, 64, 4.0, 500, GlobalRandom.seeded(0));
        assertEquals(3, anchors.length);
        float[][] labels = KMeansAnchors.toFloat32(wh);
        assertTrue(AnchorStats.of(labels, anchors, 4.0, Precision.FLOAT64).bpr() == 1.0, "evolution fits both sizes");
    }

    @Test
    void withoutUsableLabelsTheRandomStartComesBack() {
        // All labels under 2 pixels: as the original, a random start (2n sorted uniforms times
        // img_size, paired) that no generation can improve, the fitness of no labels being NaN.
        double[][] wh = new double[50][];
        for (int i = 0; i < wh.length; i++) {
            wh[i] = new double[] {1.5, 1.0};
        }
        double[][] anchors = KMeansAnchors.evolve(wh, 9, 320, 4.0, 10, GlobalRandom.seeded(0));
        NumpyRandomState rs = new NumpyRandomState(0);
        double[] v = new double[18];
        for (int i = 0; i < v.length; i++) {
            v[i] = rs.randomSample();
        }
        Arrays.sort(v);
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(new double[] {v[2 * i] * 320, v[2 * i + 1] * 320}, anchors[i], "anchor " + i);
        }
    }

    @Test
    void fewerLabelsThanAnchorsStartFromRandomAnchorsAndEvolve() {
        double[][] wh = {{10, 10}, {20, 30}, {40, 50}, {80, 60}};
        double[][] anchors = KMeansAnchors.evolve(wh, 9, 320, 4.0, 1000, GlobalRandom.seeded(0));
        assertEquals(9, anchors.length);
        for (double[] a : anchors) {
            assertTrue(a[0] >= 2 && a[1] >= 2, "anchors stay at 2 pixels or more");
        }
        assertEquals(1.0, AnchorStats.of(KMeansAnchors.toFloat32(wh), anchors, 4.0, Precision.FLOAT64).bpr());
    }
}
