package sparkyolo.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NmsTest {
    /** Rows [cx, cy, w, h, obj, p0, p1] for a two-class model. */
    private static final float[] PRED = {
        50f, 50f, 20f, 20f, 0.9f, 0.9f, 0.1f,   // A: class 0, conf 0.81
        52f, 50f, 20f, 20f, 0.8f, 0.2f, 0.8f,   // B: overlaps A, class 1, conf 0.64
        51f, 50f, 20f, 20f, 0.8f, 0.9f, 0.5f,   // C: overlaps A, class 0, conf 0.72 (and 0.4 as class 1)
        10f, 10f, 4f, 4f, 0.2f, 1.0f, 0.0f,     // D: objectness below 0.25
    };

    @Test
    void suppressesPerClassByDefault() {
        float[][] det = Nms.apply(PRED, 7, NmsOptions.defaults());
        assertEquals(2, det.length);
        assertArrayEquals(new float[] {40f, 40f, 60f, 60f, 0.9f * 0.9f, 0f}, det[0]);
        assertArrayEquals(new float[] {42f, 40f, 62f, 60f, 0.8f * 0.8f, 1f}, det[1]);
    }

    @Test
    void agnosticSuppressesAcrossClasses() {
        float[][] det = Nms.apply(PRED, 7, NmsOptions.defaults().withAgnostic(true));
        assertEquals(1, det.length);
        assertEquals(0f, det[0][5]);
    }

    @Test
    void multiLabelEmitsEveryClassAboveThreshold() {
        float[][] det = Nms.apply(PRED, 7, NmsOptions.defaults().withMultiLabel(true).withIouThres(0.99));
        // A0, C0, B1, C1 (0.4) — sorted by conf.
        assertEquals(4, det.length);
        assertArrayEquals(new float[] {0.81f, 0.72f, 0.64f, 0.4f},
                new float[] {det[0][4], det[1][4], det[2][4], det[3][4]}, 1e-6f);
    }

    @Test
    void filtersClassesAndLimitsDetections() {
        float[][] onlyOne = Nms.apply(PRED, 7, NmsOptions.defaults().withClasses(1));
        assertEquals(1, onlyOne.length);
        assertEquals(1f, onlyOne[0][5]);
        float[][] capped = Nms.apply(PRED, 7, NmsOptions.defaults().withIouThres(1.0).withMaxDet(2));
        assertEquals(2, capped.length);
    }

    @Test
    void equalScoresKeepInputOrder() {
        float[] pred = {
            10f, 10f, 4f, 4f, 0.6f, 0.6f, 0f,
            50f, 50f, 4f, 4f, 0.6f, 0.6f, 0f,
            90f, 90f, 4f, 4f, 0.6f, 0.6f, 0f,
        };
        float[][] det = Nms.apply(pred, 7, NmsOptions.defaults());
        assertEquals(3, det.length);
        assertEquals(8f, det[0][0]);
        assertEquals(48f, det[1][0]);
        assertEquals(88f, det[2][0]);
    }

    @Test
    void handlesEmptyInputAndRejectsBadOptions() {
        assertEquals(0, Nms.apply(new float[0], 7, NmsOptions.defaults()).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NmsOptions.defaults().withIouThres(1.5));
        assertTrue(e.getMessage().contains("--iou-thres"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NmsOptions.defaults().withConfThres(-0.1));
        assertTrue(e.getMessage().contains("--conf-thres"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NmsOptions.defaults().withMaxDet(0));
    }
}
