package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** HSV augmentation alone: the boxes stay, the colours move within the gains, by one gain per channel. */
class HsvTest {
    private static final int SIZE = 320;
    private static final double HGAIN = 0.015;
    private static final double SGAIN = 0.7;
    private static final double VGAIN = 0.4;
    /** 8-bit HSV round trips (BGR→HSV→BGR→HSV) are off by up to this much per channel. */
    private static final int ROUNDING = 2;
    private static final ImageSource SOURCE = Scenes.source();

    @Test
    void coloursChangeWithinTheGainsAndBoxesStay() {
        SampleFactory plain = new SampleFactory(SOURCE, SIZE, true, AugmentParams.none(), 5);
        SampleFactory hsv = new SampleFactory(SOURCE, SIZE, true,
                TestParams.only("hsv_h", HGAIN, "hsv_s", SGAIN, "hsv_v", VGAIN), 5);
        int changed = 0;
        for (int epoch = 0; epoch < 4; epoch++) {
            for (int index = 0; index < SOURCE.size(); index++) {
                Sample before = plain.sample(epoch, index);
                Sample after = hsv.sample(epoch, index);
                String context = "epoch " + epoch + ", image " + index;
                assertEquals(before.labels().length, after.labels().length, context);
                for (int i = 0; i < before.labels().length; i++) {
                    assertArrayEquals(before.labels()[i], after.labels()[i], context);
                }
                // Background grey (S = 0) stays grey; its value gives the V gain.
                int[] bg0 = hsvAt(before.image(), 60, 5);
                int[] bg1 = hsvAt(after.image(), 60, 5);
                assertEquals(0, bg1[1], context + ": background saturation");
                double vGain = (double) bg1[2] / bg0[2];
                assertTrue(Math.abs(vGain - 1) <= VGAIN + 0.02, context + ": value gain " + vGain);
                Double sGain = null;
                for (float[] lb : before.labels()) {
                    int x = Math.round(lb[1] * SIZE);
                    int y = Math.round(lb[2] * SIZE);
                    int[] c0 = hsvAt(before.image(), y, x);
                    int[] c1 = hsvAt(after.image(), y, x);
                    String where = context + ", class " + (int) lb[0];
                    assertTrue(Math.abs(c1[0] - c0[0]) <= c0[0] * HGAIN + ROUNDING, where + ": hue " + c0[0] + " → "
                            + c1[0]);
                    assertWithinGain(c0[1], c1[1], SGAIN, where + ": saturation");
                    assertWithinGain(c0[2], c1[2], VGAIN, where + ": value");
                    if (c1[2] < 250) {
                        assertEquals(vGain, (double) c1[2] / c0[2], 0.025, where + ": one value gain for all pixels");
                    }
                    if (c1[1] < 250) {
                        if (sGain == null) {
                            sGain = (double) c1[1] / c0[1];
                        }
                        assertEquals(sGain, (double) c1[1] / c0[1], 0.025, where + ": one saturation gain");
                    }
                }
                if (!java.util.Arrays.equals(Scenes.bytes(before.image()), Scenes.bytes(after.image()))) {
                    changed++;
                }
                before.release();
                after.release();
            }
        }
        assertTrue(changed >= 10, "only " + changed + " of 12 samples changed colour");
    }

    /** {@code after} within [before · (1 - g), before · (1 + g)] clipped to 255, give or take rounding. */
    private static void assertWithinGain(int before, int after, double gain, String what) {
        double lo = before * (1 - gain) - ROUNDING;
        double hi = Math.min(255, before * (1 + gain)) + ROUNDING;
        assertTrue(after >= lo && after <= hi, what + " " + before + " → " + after + " outside [" + lo + ", " + hi + "]");
    }

    private static int[] hsvAt(Mat bgr, int y, int x) {
        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr.submat(y, y + 1, x, x + 1), hsv, Imgproc.COLOR_BGR2HSV);
        byte[] v = new byte[3];
        hsv.get(0, 0, v);
        assertEquals(CvType.CV_8UC3, hsv.type());
        return new int[] {v[0] & 0xff, v[1] & 0xff, v[2] & 0xff};
    }
}
