package sparkyolo.data.augment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The original's {@code augment_hsv()}: random gains in [1 - g, 1 + g] for hue, saturation and
 * value, applied as lookup tables in OpenCV's 8-bit HSV space (hue 0..179 wraps around).
 */
final class HsvAugment {
    private static final int HUE_RANGE = 180;

    private HsvAugment() {
    }

    /** Changes {@code bgr} in place; draws nothing when all three gains are 0. */
    static void apply(Mat bgr, double hgain, double sgain, double vgain, SampleRandom rng) {
        if (hgain == 0 && sgain == 0 && vgain == 0) {
            return;
        }
        double rh = rng.uniform(-1, 1) * hgain + 1;
        double rs = rng.uniform(-1, 1) * sgain + 1;
        double rv = rng.uniform(-1, 1) * vgain + 1;
        byte[] hue = new byte[256];
        byte[] sat = new byte[256];
        byte[] val = new byte[256];
        for (int x = 0; x < 256; x++) {
            hue[x] = (byte) (int) ((x * rh) % HUE_RANGE);
            sat[x] = (byte) (int) Math.min(Math.max(x * rs, 0), 255);
            val[x] = (byte) (int) Math.min(Math.max(x * rv, 0), 255);
        }

        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        List<Mat> channels = new ArrayList<>();
        Core.split(hsv, channels);
        byte[][] luts = {hue, sat, val};
        for (int c = 0; c < 3; c++) {
            Mat lut = new Mat(1, 256, CvType.CV_8U);
            lut.put(0, 0, luts[c]);
            Core.LUT(channels.get(c), lut, channels.get(c));
            lut.release();
        }
        Core.merge(channels, hsv);
        Imgproc.cvtColor(hsv, bgr, Imgproc.COLOR_HSV2BGR);
        hsv.release();
        channels.forEach(Mat::release);
    }
}
