package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkyolo.random.GlobalRandom;

class AnchorEvolutionTest {
    @Test
    void fitnessCountsOnlyLabelsAboveThreshold() {
        float[][] wh = {{10, 10}, {20, 10}, {100, 100}};
        double[][] anchors = {{10, 10}};
        // Best ratios 1, 0.5 and 0.1; the last is under 1/4 and counts as 0.
        assertEquals((1 + 0.5) / 3, AnchorEvolution.fitness(wh, anchors, 4.0), 1e-7);
    }

    @Test
    void fitnessNeverDecreasesAndImprovesAPoorStart() {
        // 500 label sizes spread log-uniformly over 4..400 pixels per side.
        Random sizes = new Random(9);
        float[][] wh = new float[500][];
        for (int i = 0; i < wh.length; i++) {
            wh[i] = new float[] {(float) (4 * Math.pow(100, sizes.nextDouble())), (float) (4 * Math.pow(100, sizes.nextDouble()))};
        }
        double[][] start = new double[9][];
        for (int i = 0; i < start.length; i++) {
            start[i] = new double[] {20 + 5 * i, 20 + 5 * i};
        }
        double initial = AnchorEvolution.fitness(wh, start, 4.0);
        AnchorEvolution.Result r = AnchorEvolution.evolve(wh, start, 4.0, 300, GlobalRandom.seeded(3));
        double previous = initial;
        for (double f : r.history()) {
            assertTrue(f >= previous, "fitness went from " + previous + " to " + f);
            previous = f;
        }
        assertEquals(r.fitness(), r.history()[r.history().length - 1]);
        assertEquals(AnchorEvolution.fitness(wh, r.anchors(), 4.0), r.fitness(), 0.0);
        assertTrue(r.fitness() > initial + 0.01, initial + " -> " + r.fitness());
        for (double[] a : r.anchors()) {
            assertTrue(a[0] >= 2 && a[1] >= 2, "anchors stay at 2 pixels or more");
        }
    }
}
