package sparkyolo.data.augment;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/** Up-down and left-right flips of an image with its normalized {@code [cls, cx, cy, w, h]} labels. */
final class Flips {
    private Flips() {
    }

    /** Returns the flipped image (the input is released) and mirrors cy in place. */
    static Mat upDown(Mat image, float[][] labels) {
        for (float[] lb : labels) {
            lb[2] = 1 - lb[2];
        }
        return flip(image, 0);
    }

    /** Returns the flipped image (the input is released) and mirrors cx in place. */
    static Mat leftRight(Mat image, float[][] labels) {
        for (float[] lb : labels) {
            lb[1] = 1 - lb[1];
        }
        return flip(image, 1);
    }

    /** @param code OpenCV's flipCode: 0 about the x axis (up-down), 1 about the y axis (left-right) */
    private static Mat flip(Mat image, int code) {
        Mat out = new Mat();
        Core.flip(image, out, code);
        image.release();
        return out;
    }
}
