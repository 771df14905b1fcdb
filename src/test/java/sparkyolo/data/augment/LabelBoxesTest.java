package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelBoxesTest {
    /** A 100×50 box centred at (200, 100) of a 400×200 area placed at (10, 20). */
    @Test
    void normalizedRowsBecomePixelCornersWithPadding() {
        double[][] px = LabelBoxes.toPixelXyxy(new float[][] {{3, 0.5f, 0.5f, 0.25f, 0.25f}}, 400, 200, 10, 20);
        assertArrayEquals(new double[] {3, 160, 95, 260, 145}, px[0], 1e-9);
    }

    @Test
    void pixelCornersBecomeNormalizedRows() {
        float[][] n = LabelBoxes.toNormalizedXywh(new double[][] {{3, 150, 75, 250, 125}}, 400, 200);
        assertArrayEquals(new float[] {3, 0.5f, 0.5f, 0.25f, 0.25f}, n[0], 1e-7f);
    }

    /** Clipped to [0, w - 0.001] × [0, h - 0.001] before normalizing, as xyxy2xywhn(clip=True, eps=1e-3). */
    @Test
    void boxesPastTheEdgeAreClippedJustInside() {
        float[][] n = LabelBoxes.toNormalizedXywh(new double[][] {{0, -50, -10, 450, 100}}, 400, 200);
        double x2 = 400 - LabelBoxes.CLIP_EPS;
        assertEquals(x2 / 2 / 400, n[0][1], 1e-7);
        assertEquals(50 / 200.0, n[0][2], 1e-7);
        assertEquals(x2 / 400, n[0][3], 1e-7);
        assertEquals(100 / 200.0, n[0][4], 1e-7);
    }
}
