package sparkyolo.image;

import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * BGR uint8 images (HWC) to the model's input layout: float32, RGB, CHW, values / 255, as the
 * original does with {@code im.transpose((2, 0, 1))[::-1]} and {@code im.float() / 255}.
 */
public final class ImageTensors {
    /** {@code i / 255f}, the float32 division torch performs, for every byte value. */
    private static final float[] SCALED = new float[256];

    static {
        for (int i = 0; i < SCALED.length; i++) {
            SCALED[i] = i / 255f;
        }
    }

    private ImageTensors() {
    }

    /** One image as a 3×H×W array in C order. */
    public static float[] toChwRgb(Mat bgr) {
        float[] out = new float[3 * bgr.rows() * bgr.cols()];
        write(bgr, out, 0);
        return out;
    }

    /** Images of equal size as an N×3×H×W array in C order. */
    public static float[] toNchwRgb(List<Mat> bgrImages) {
        if (bgrImages.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        int h = bgrImages.get(0).rows();
        int w = bgrImages.get(0).cols();
        int plane = 3 * h * w;
        float[] out = new float[bgrImages.size() * plane];
        for (int n = 0; n < bgrImages.size(); n++) {
            Mat image = bgrImages.get(n);
            if (image.rows() != h || image.cols() != w) {
                throw new IllegalArgumentException("image " + n + " is " + image.cols() + "x" + image.rows()
                        + ", expected " + w + "x" + h + " like image 0");
            }
            write(image, out, n * plane);
        }
        return out;
    }

    /** Writes one image's 3×H×W values into {@code out} starting at {@code offset}. */
    public static void write(Mat bgr, float[] out, int offset) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException(
                    "expected a CV_8UC3 (BGR uint8) image, got " + CvType.typeToString(bgr.type()));
        }
        byte[] pixels = new byte[3 * bgr.rows() * bgr.cols()];
        // One bulk copy; Mat.get handles non-continuous Mats (ROIs) itself.
        bgr.get(0, 0, pixels);
        write(pixels, 0, bgr.rows() * bgr.cols(), out, offset);
    }

    /**
     * Writes one image of {@code hw} pixels, BGR uint8 H×W×3 in {@code pixels} from {@code from},
     * as 3×H×W values into {@code out} starting at {@code offset}.
     */
    public static void write(byte[] pixels, int from, int hw, float[] out, int offset) {
        int r = offset;
        int g = offset + hw;
        int b = offset + 2 * hw;
        for (int i = 0, p = from; i < hw; i++, p += 3) {
            out[b + i] = SCALED[pixels[p] & 0xff];
            out[g + i] = SCALED[pixels[p + 1] & 0xff];
            out[r + i] = SCALED[pixels[p + 2] & 0xff];
        }
    }
}
