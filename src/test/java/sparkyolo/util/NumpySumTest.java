package sparkyolo.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumpySumTest {
    @Test
    void sumsPairwiseLikeNumpy() {
        double[] a = {1e16, 1, 1, 1, 1, 1, 1, 1, 1};
        // numpy: np.sum(a) == 1.0000000000000008e16 (a left-to-right sum gives 1e16).
        assertEquals(1.0000000000000008e16, NumpySum.sum(a), 0.0);
        assertEquals(1111111111111112.0, NumpySum.mean(a), 0.0);
    }

    @Test
    void meanOfNothingIsNan() {
        assertEquals(Double.NaN, NumpySum.mean(new double[0]));
    }
}
