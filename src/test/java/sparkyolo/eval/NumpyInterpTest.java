package sparkyolo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class NumpyInterpTest {
    private static final double[] XP = {0.0, 0.2, 0.2, 0.5, 1.0};
    private static final double[] FP = {1.0, 0.8, 0.6, 0.4, 0.0};

    @Test
    void repeatedSamplePointsResolveToTheLastOne() {
        // Expected values from np.interp(x, XP, FP, left=-1, right=-2).
        double[] x = {-0.1, 0.0, 0.1, 0.2, 0.3, 1.0, 1.5};
        assertArrayEquals(new double[] {-1.0, 1.0, 0.9, 0.6, 0.5333333333333333, 0.0, -2.0},
                NumpyInterp.interp(x, XP, FP, -1, -2), 0.0);
    }

    @Test
    void defaultsToTheEndValuesOutsideTheRange() {
        assertArrayEquals(new double[] {1.0, 0.0}, NumpyInterp.interp(new double[] {-0.1, 1.5}, XP, FP), 0.0);
    }
}
