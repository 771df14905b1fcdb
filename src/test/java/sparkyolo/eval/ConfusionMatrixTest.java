package sparkyolo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test
    void countsMatchesMissesAndBackground() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        float[][] labels = {
            {0f, 0f, 0f, 10f, 10f},
            {1f, 20f, 20f, 30f, 30f},
            {1f, 50f, 50f, 60f, 60f},
        };
        float[][] detections = {
            {0f, 0f, 10f, 10f, 0.9f, 0f},     // matches label 0 (class 0 as 0)
            {0f, 0f, 10f, 9f, 0.85f, 1f},     // overlaps label 0 less than the first: unmatched
            {20f, 20f, 30f, 30f, 0.8f, 0f},   // matches label 1 (class 1 predicted as 0)
            {80f, 80f, 90f, 90f, 0.7f, 1f},   // no ground truth: background
            {50f, 50f, 60f, 60f, 0.2f, 1f},   // below conf 0.25: ignored, so label 2 is missed
        };
        cm.processBatch(detections, labels);
        double[][] m = cm.matrix();
        // [predicted][true], index 2 = background.
        assertArrayEquals(new double[] {1, 1, 0}, m[0]);
        assertArrayEquals(new double[] {0, 0, 2}, m[1]);
        assertArrayEquals(new double[] {0, 1, 0}, m[2]);
    }

    @Test
    void imageWithoutPredictionsCountsAllLabelsAsMissed() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.processBatch(null, new float[][] {{1f, 0f, 0f, 5f, 5f}, {1f, 6f, 6f, 9f, 9f}});
        assertArrayEquals(new double[] {0, 2, 0}, cm.matrix()[2]);
    }

    @Test
    void unmatchedDetectionsAreOnlyCountedWhenSomethingMatched() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.processBatch(new float[][] {{50f, 50f, 60f, 60f, 0.9f, 1f}}, new float[][] {{0f, 0f, 0f, 10f, 10f}});
        double[][] m = cm.matrix();
        assertArrayEquals(new double[] {0, 0, 0}, m[1]);
        assertArrayEquals(new double[] {1, 0, 0}, m[2]);
    }
}
