package sparkyolo.image;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The original's {@code letterbox()} (utils/augmentations.py, YOLOv5 v6.2): scale to fit, keeping the
 * aspect ratio, then pad with a constant colour, either to the full target shape or (auto) only up
 * to the next multiple of the stride.
 */
public final class Letterbox {
    public static final int DEFAULT_COLOR = 114;
    public static final int DEFAULT_STRIDE = 32;

    /**
     * @param image  the padded image (a new Mat, owned by the caller)
     * @param ratioW width scale factor, new / old
     * @param ratioH height scale factor, new / old
     * @param padW   padding per side in x (the left pad is {@code round(padW - 0.1)})
     * @param padH   padding per side in y (the top pad is {@code round(padH - 0.1)})
     */
    public record Result(Mat image, double ratioW, double ratioH, double padW, double padH) {
    }

    private Letterbox() {
    }

    /** A square target, pad colour 114, stride 32, no stretching. */
    public static Result apply(Mat image, int newShape, boolean auto, boolean scaleup) {
        return apply(image, newShape, newShape, DEFAULT_COLOR, auto, false, scaleup, DEFAULT_STRIDE);
    }

    /**
     * @param color     grey level of the padding, applied to every channel
     * @param auto      pad only to a multiple of {@code stride} (minimum rectangle)
     * @param scaleFill stretch to exactly the target shape without padding (ignored when auto)
     * @param scaleup   allow enlarging; otherwise only shrink
     */
    public static Result apply(Mat image, int newHeight, int newWidth, int color,
            boolean auto, boolean scaleFill, boolean scaleup, int stride) {
        int h = image.rows();
        int w = image.cols();
        double r = Math.min((double) newHeight / h, (double) newWidth / w);
        if (!scaleup) {
            r = Math.min(r, 1.0);
        }
        double ratioW = r;
        double ratioH = r;
        // Python's round() is half-to-even, like Math.rint (Math.round would round halves up).
        int unpadW = (int) Math.rint(w * r);
        int unpadH = (int) Math.rint(h * r);
        double dw = newWidth - unpadW;
        double dh = newHeight - unpadH;
        if (auto) {
            dw = Math.floorMod(newWidth - unpadW, stride);
            dh = Math.floorMod(newHeight - unpadH, stride);
        } else if (scaleFill) {
            dw = 0.0;
            dh = 0.0;
            unpadW = newWidth;
            unpadH = newHeight;
            ratioW = (double) newWidth / w;
            ratioH = (double) newHeight / h;
        }
        dw /= 2;
        dh /= 2;

        Mat resized = image;
        if (unpadW != w || unpadH != h) {
            resized = new Mat();
            Imgproc.resize(image, resized, new Size(unpadW, unpadH), 0, 0, Imgproc.INTER_LINEAR);
        }
        int top = (int) Math.rint(dh - 0.1);
        int bottom = (int) Math.rint(dh + 0.1);
        int left = (int) Math.rint(dw - 0.1);
        int right = (int) Math.rint(dw + 0.1);
        Mat padded = new Mat();
        Core.copyMakeBorder(resized, padded, top, bottom, left, right, Core.BORDER_CONSTANT,
                new Scalar(color, color, color));
        if (resized != image) {
            resized.release();
        }
        return new Result(padded, ratioW, ratioH, dw, dh);
    }
}
