package sparkyolo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DetectionMatcherTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void keepsTheOriginalsLowestDetectionIndexPreference() {
        float[][] labels = {
            {0f, 0f, 0f, 10f, 10f},   // L0
            {0f, 0f, 2f, 10f, 11f},   // L1
        };
        float[][] detections = {
            {0f, 0f, 10f, 6f, 0.9f, 0f},    // D0: IoU 0.6 with L0, 0.36 with L1
            {0f, 0f, 10f, 9f, 0.8f, 0f},    // D1: IoU 0.9 with L0, 0.64 with L1
            {0f, 0f, 10f, 10f, 0.7f, 1f},   // D2: perfect box, wrong class
        };
        boolean[][] correct = DetectionMatcher.correct(detections, labels);
        // Up to IoU 0.6 both D0 and D1 first pick L0 (their best label); L0 then goes to the lower
        // index D0, so D1 stays unmatched although L1 was free. Above 0.6 only L0-D1 qualifies.
        assertArrayEquals(new boolean[] {T, T, T, F, F, F, F, F, F, F}, correct[0]);
        assertArrayEquals(new boolean[] {F, F, F, T, T, T, T, T, T, F}, correct[1]);
        assertArrayEquals(new boolean[10], correct[2]);
    }

    @Test
    void handlesImagesWithoutLabelsOrDetections() {
        assertEquals(0, DetectionMatcher.correct(new float[0][], new float[][] {{0f, 0f, 0f, 1f, 1f}}).length);
        boolean[][] none = DetectionMatcher.correct(new float[][] {{0f, 0f, 1f, 1f, 0.5f, 0f}}, new float[0][]);
        assertArrayEquals(new boolean[10], none[0]);
    }
}
