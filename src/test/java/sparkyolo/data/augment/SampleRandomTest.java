package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleRandomTest {
    @Test
    void sameSeedEpochAndIndexGiveTheSameDraws() {
        assertArrayEquals(draws(SampleRandom.of(1, 2, 3)), draws(SampleRandom.of(1, 2, 3)));
    }

    @Test
    void eachPartOfTheSeedChangesTheDraws() {
        double[] base = draws(SampleRandom.of(1, 2, 3));
        assertFalse(Arrays.equals(base, draws(SampleRandom.of(0, 2, 3))));
        assertFalse(Arrays.equals(base, draws(SampleRandom.of(1, 3, 3))));
        assertFalse(Arrays.equals(base, draws(SampleRandom.of(1, 2, 4))));
        // Swapping epoch and index must not give the same stream.
        assertFalse(Arrays.equals(base, draws(SampleRandom.of(1, 3, 2))));
    }

    @Test
    void uniformStaysInItsRange() {
        SampleRandom rng = SampleRandom.of(5, 0, 0);
        for (int i = 0; i < 10_000; i++) {
            double v = rng.uniform(-0.5, 1.5);
            assertTrue(v >= -0.5 && v < 1.5, "uniform draw " + v);
        }
    }

    @Test
    void chanceIsNeverForZeroAndAlwaysForOne() {
        SampleRandom rng = SampleRandom.of(5, 0, 1);
        for (int i = 0; i < 10_000; i++) {
            assertFalse(rng.chance(0));
            assertTrue(rng.chance(1));
        }
    }

    @Test
    void shuffleIsAPermutation() {
        int[] values = {4, 8, 15, 16, 23, 42};
        SampleRandom.of(5, 0, 2).shuffle(values);
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {4, 8, 15, 16, 23, 42}, sorted);
    }

    /** Beta(a, a) has mean 1/2 and variance 1 / (4 (2a + 1)), 1/260 for a = 32. */
    @Test
    void betaHasTheMomentsOfBeta32() {
        SampleRandom rng = SampleRandom.of(5, 0, 3);
        int n = 50_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double r = rng.beta(32, 32);
            assertTrue(r > 0 && r < 1);
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        // Standard error of the mean: sqrt(1/260 / n) = 0.00028; of the variance about 1%.
        assertEquals(0.5, mean, 0.0015);
        assertEquals(1 / 260.0, variance, 0.05 / 260);
    }

    private static double[] draws(SampleRandom rng) {
        double[] out = new double[8];
        for (int i = 0; i < 6; i++) {
            out[i] = rng.uniform(0, 1);
        }
        out[6] = rng.index(1000);
        out[7] = rng.beta(32, 32);
        return out;
    }
}
