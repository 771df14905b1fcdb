package sparkyolo.image;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The resize step of the original's {@code LoadImagesAndLabels.load_image()} (YOLOv5 v6.2). */
public final class ImageResize {
    /**
     * @param image the resized image; the input Mat itself when no resize was needed
     * @param h0    original height
     * @param w0    original width
     * @param h     resized height
     * @param w     resized width
     */
    public record Result(Mat image, int h0, int w0, int h, int w) {
    }

    private ImageResize() {
    }

    /**
     * Scales so that the longer side becomes {@code imgSize}. Shrinking without augmentation uses
     * INTER_AREA (less aliasing for validation), anything else INTER_LINEAR. The new size is
     * truncated, not rounded: {@code (int(w0 * r), int(h0 * r))}.
     */
    public static Result loadImageResize(Mat image, int imgSize, boolean augment) {
        int h0 = image.rows();
        int w0 = image.cols();
        int[] hw = resizedShape(h0, w0, imgSize);
        if (hw[0] == h0 && hw[1] == w0) {
            return new Result(image, h0, w0, h0, w0);
        }
        if (hw[0] == 0 || hw[1] == 0) {
            throw new IllegalArgumentException("image of " + w0 + "x" + h0 + " resizes to " + hw[1] + "x" + hw[0]
                    + " at img_size " + imgSize);
        }
        double r = (double) imgSize / Math.max(h0, w0);
        int interpolation = augment || r > 1 ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA;
        Mat resized = new Mat();
        Imgproc.resize(image, resized, new Size(hw[1], hw[0]), 0, 0, interpolation);
        return new Result(resized, h0, w0, hw[0], hw[1]);
    }

    /** The {@code {height, width}} that {@link #loadImageResize} gives an image of {@code h0 × w0} pixels. */
    public static int[] resizedShape(int h0, int w0, int imgSize) {
        double r = (double) imgSize / Math.max(h0, w0);
        return r == 1 ? new int[] {h0, w0} : new int[] {(int) (h0 * r), (int) (w0 * r)};
    }
}
