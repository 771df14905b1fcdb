package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkyolo.random.NumpyRandomState;

class VqKMeansTest {
    private static final double[][] CENTRES = {{1, 1}, {10, 2}, {3, 12}, {15, 15}};

    /** 50 points around each centre, spread uniformly within +-0.5. */
    private static double[][] blobs(Random rng) {
        double[][] obs = new double[CENTRES.length * 50][];
        for (int i = 0; i < obs.length; i++) {
            double[] c = CENTRES[i % CENTRES.length];
            obs[i] = new double[] {c[0] + rng.nextDouble() - 0.5, c[1] + rng.nextDouble() - 0.5};
        }
        return obs;
    }

    @Test
    void recoversWellSeparatedClusters() {
        double[][] obs = blobs(new Random(1));
        VqKMeans.Result r = VqKMeans.kmeans(obs, 4, 30, VqKMeans.DEFAULT_THRESH, new NumpyRandomState(2));
        double[][] found = r.codebook().clone();
        Arrays.sort(found, Comparator.comparingDouble((double[] a) -> a[0]).thenComparingDouble(a -> a[1]));
        double[][] expected = CENTRES.clone();
        Arrays.sort(expected, Comparator.comparingDouble((double[] a) -> a[0]).thenComparingDouble(a -> a[1]));
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i][0], found[i][0], 0.15);
            assertEquals(expected[i][1], found[i][1], 0.15);
        }
        // Uniform noise of +-0.5 per axis: mean distance to the centre is about 0.38.
        assertTrue(r.distortion() > 0.3 && r.distortion() < 0.45, "distortion " + r.distortion());
    }

    @Test
    void dropsCentroidsLeftWithoutMembers() {
        // Three starting points but only two distinct observations: as scipy, fewer centroids come back.
        double[][] obs = new double[10][];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = i % 2 == 0 ? new double[] {1, 1} : new double[] {5, 5};
        }
        VqKMeans.Result r = VqKMeans.kmeans(obs, 3, 5, VqKMeans.DEFAULT_THRESH, new NumpyRandomState(0));
        assertEquals(2, r.codebook().length);
        assertEquals(0, r.distortion(), 1e-12);
    }

    @Test
    void refusesMoreClustersThanObservations() {
        double[][] obs = {{1, 1}, {2, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VqKMeans.kmeans(obs, 3, 1, VqKMeans.DEFAULT_THRESH, new NumpyRandomState(0)));
        assertTrue(e.getMessage().contains("3 clusters of 2 observations"), e.getMessage());
    }
}
