package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmoothingTest {
    @Test
    void gaussianMatchesScipyReflectMode() {
        // scipy.ndimage.gaussian_filter1d([0., 0, 0, 10, 0, 0, 0], sigma=1) (mode 'reflect', truncate 4)
        double[] expected = {0.0456569224, 0.5399112742, 2.4197144566, 3.9894346936, 2.4197144566, 0.5399112742,
            0.0456569224};
        assertArrayEquals(expected, Smoothing.gaussian(new double[] {0, 0, 0, 10, 0, 0, 0}, 1.0), 1e-9);
    }

    @Test
    void gaussianReflectsRepeatedlyWhenTheSeriesIsShorterThanTheKernel() {
        // scipy.ndimage.gaussian_filter1d([1., 4, 2], sigma=3): the 25-tap kernel spans the series 8 times.
        assertArrayEquals(new double[] {2.3297304827, 2.3333545274, 2.3369149899},
                Smoothing.gaussian(new double[] {1, 4, 2}, 3.0), 1e-9);
    }

    @Test
    void gaussianKeepsConstantsAndShortSeries() {
        assertArrayEquals(new double[] {2, 2, 2}, Smoothing.gaussian(new double[] {2, 2, 2}, 3.0), 1e-12);
        assertArrayEquals(new double[] {5}, Smoothing.gaussian(new double[] {5}, 3.0), 1e-12);
    }

    @Test
    void boxFilterHasTheOriginalTapCountAndEdgePadding() {
        // 1000 points at f = 0.05: round(100) // 2 + 1 = 51 taps; a step at 500 ramps over 51 points.
        double[] y = new double[1000];
        for (int i = 500; i < 1000; i++) {
            y[i] = 1.0;
        }
        double[] s = Smoothing.box(y, 0.05);
        assertEquals(0.0, s[474], 1e-12);
        assertEquals(1.0 / 51, s[475], 1e-12);
        assertEquals(1.0, s[525], 1e-12);
        assertEquals(0.0, s[0], 1e-12);
        assertEquals(1.0, s[999], 1e-12);
    }
}
