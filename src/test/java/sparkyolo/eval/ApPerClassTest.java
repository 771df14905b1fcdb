package sparkyolo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApPerClassTest {
    @Test
    void perfectDetectionScoresTheCocoMaximum() {
        boolean[] allTrue = new boolean[10];
        Arrays.fill(allTrue, true);
        ApResult r = ApPerClass.compute(new boolean[][] {allTrue}, new double[] {0.9}, new int[] {3}, new int[] {3});
        assertArrayEquals(new int[] {3}, r.classes());
        // 101-point rule with the precision sentinel 0 at recall 1: 0.99 + 0.01 / 2.
        double[] ap = new double[10];
        Arrays.fill(ap, 0.995);
        assertArrayEquals(ap, r.ap()[0], 1e-12);
        assertEquals(0.995, r.map50To95(), 1e-12);
        assertArrayEquals(new double[] {1}, r.tp());
        assertArrayEquals(new double[] {0}, r.fp());
        assertEquals(1.0, r.precision()[0]);
        assertEquals(1.0, r.recall()[0]);
        assertEquals(1000, r.px().length);
        assertEquals(1.0, r.px()[999]);
    }

    @Test
    void classesWithoutPredictionsScoreZeroAndUnlabelledPredictionsAreIgnored() {
        boolean[][] tp = {new boolean[10], new boolean[10]};
        tp[0][0] = true;
        // Predictions: class 0 (correct at IoU 0.5 only) and class 7, which has no ground truth.
        ApResult r = ApPerClass.compute(tp, new double[] {0.8, 0.6}, new int[] {0, 7}, new int[] {0, 0, 1});
        assertArrayEquals(new int[] {0, 1}, r.classes());
        assertEquals(0.0, r.ap()[1][0]);
        assertEquals(0.0, r.recall()[1]);
        assertNull(r.prCurve()[1]);
        // One of two labels found: the envelope is 1 up to recall 0.5, then falls linearly to the
        // sentinel 0 at recall 1, so AP50 = 0.5 + 0.25.
        assertEquals(0.75, r.ap()[0][0], 1e-12);
        assertEquals(0.0, r.ap()[0][1]);
        assertEquals(0.5, r.recall()[0]);
        assertArrayEquals(new double[] {1, 0}, r.tp());
    }

    @Test
    void noPredictionsGiveZeroMetrics() {
        ApResult r = ApPerClass.compute(new boolean[0][], new double[0], new int[0], new int[] {2});
        assertEquals(10, r.ap()[0].length);
        assertEquals(0.0, r.map50());
        assertEquals(0.0, r.meanPrecision());
        assertArrayEquals(new double[] {0}, r.fp());
    }
}
