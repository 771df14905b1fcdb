package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Checks that the labels of an output image sit on the pixels of their class colour
 * ({@link Scenes}): each box is mostly its colour (purity), the class's boxes hold most of that
 * colour's pixels (coverage), and an unclipped box matches the colour's pixel bounds within a
 * tolerance. Pixels inside boxes of two classes (overlaps, e.g. after mixup) count for neither.
 */
final class BoxPixelCheck {
    /** Hue distance, minimum saturation and value for a pixel to count as a class colour. */
    private static final int HUE_TOL = 6;
    private static final int MIN_S = 25;
    private static final int MIN_V = 40;
    static final double MIN_COVERAGE = 0.8;
    /** Fewer pixels than this of a colour are edge noise, not a visible rectangle. */
    private static final int MIN_PIXELS = 30;

    /**
     * @param minPurity        least fraction of a box's pixels that must be its colour
     * @param edgeTolerance    pixels by which an unclipped box may differ from its colour's bounds;
     *                         negative to skip that check
     * @param droppedAllowance most pixels a colour without any box may show (rectangles that
     *                         box_candidates dropped as mostly cut off)
     * @param axisAligned      false for rotation, shear or perspective: a clipped box is then the
     *                         clipped bounds of the warped corners, which may hold little of the
     *                         rectangle, so purity is checked on unclipped boxes only
     */
    record Tolerance(double minPurity, double edgeTolerance, double droppedAllowance, boolean axisAligned) {
    }

    private BoxPixelCheck() {
    }

    static void check(Mat bgr, float[][] labels, Tolerance tol, String context) {
        int w = bgr.cols();
        int h = bgr.rows();
        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        int classes = Scenes.HUES.length;
        Mat[] colour = new Mat[classes];
        Mat[] boxed = new Mat[classes];
        Mat claims = Mat.zeros(h, w, CvType.CV_8U);
        List<List<Rect>> boxes = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            colour[k] = new Mat();
            Core.inRange(hsv, new Scalar(Scenes.HUES[k] - HUE_TOL, MIN_S, MIN_V),
                    new Scalar(Scenes.HUES[k] + HUE_TOL, 255, 255), colour[k]);
            boxed[k] = Mat.zeros(h, w, CvType.CV_8U);
            boxes.add(new ArrayList<>());
        }
        for (float[] lb : labels) {
            int k = (int) lb[0];
            Rect r = pixels(lb, w, h);
            boxes.get(k).add(r);
            Imgproc.rectangle(boxed[k], r, Scalar.all(255), Imgproc.FILLED);
        }
        for (int k = 0; k < classes; k++) {
            Mat one = new Mat();
            boxed[k].convertTo(one, CvType.CV_8U, 1 / 255.0);
            Core.add(claims, one, claims);
        }
        Mat free = new Mat();
        Core.compare(claims, Scalar.all(1), free, Core.CMP_LE); // claimed by at most one class

        for (int k = 0; k < classes; k++) {
            Mat visible = and(colour[k], free);
            int total = Core.countNonZero(visible);
            if (boxes.get(k).isEmpty()) {
                assertTrue(total <= tol.droppedAllowance(), context + ": class " + k + " shows " + total
                        + " pixels but has no box (allowed " + tol.droppedAllowance() + ")");
                continue;
            }
            if (total >= MIN_PIXELS) {
                double coverage = (double) Core.countNonZero(and(visible, boxed[k])) / total;
                assertTrue(coverage >= MIN_COVERAGE, context + ": class " + k + " boxes cover " + pct(coverage)
                        + " of its pixels");
            }
            for (Rect r : boxes.get(k)) {
                checkBox(k, r, colour[k], free, boxes, tol, w, h, context);
            }
        }
    }

    private static void checkBox(int k, Rect r, Mat colour, Mat free, List<List<Rect>> boxes, Tolerance tol, int w,
            int h, String context) {
        if (r.width <= 0 || r.height <= 0) {
            fail(context + ": class " + k + " box " + r + " is empty");
        }
        Mat region = free.submat(r);
        int freePixels = Core.countNonZero(region);
        if (freePixels < r.area() / 4) {
            return; // mostly overlapped by another class's box: nothing to say
        }
        boolean clipped = r.x <= 1 || r.y <= 1 || r.x + r.width >= w - 1 || r.y + r.height >= h - 1;
        if (tol.axisAligned() || !clipped) {
            double purity = (double) Core.countNonZero(and(colour.submat(r), region)) / freePixels;
            assertTrue(purity >= tol.minPurity(), context + ": class " + k + " box " + r + " is only "
                    + pct(purity) + " its colour (at least " + pct(tol.minPurity()) + " expected)");
        }
        int margin = (int) Math.ceil(tol.edgeTolerance()) + 2;
        Rect grown = new Rect(new Point(Math.max(r.x - margin, 0), Math.max(r.y - margin, 0)),
                new Point(Math.min(r.x + r.width + margin, w), Math.min(r.y + r.height + margin, h)));
        if (tol.edgeTolerance() < 0 || clipped || nearOtherBox(r, grown, boxes)) {
            return; // the colour's bounds are not this box's alone
        }
        Rect bounds = Imgproc.boundingRect(colour.submat(grown));
        double[] expected = {r.x, r.y, r.x + r.width, r.y + r.height};
        double[] actual = {grown.x + bounds.x, grown.y + bounds.y, grown.x + bounds.x + bounds.width,
            grown.y + bounds.y + bounds.height};
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol.edgeTolerance(), context + ": class " + k + " box "
                    + r + " vs its colour's pixel bounds " + bounds + " offset by " + grown.tl());
        }
    }

    private static boolean nearOtherBox(Rect r, Rect grown, List<List<Rect>> boxes) {
        for (List<Rect> ofClass : boxes) {
            for (Rect o : ofClass) {
                boolean intersects = o.x < grown.x + grown.width && grown.x < o.x + o.width
                        && o.y < grown.y + grown.height && grown.y < o.y + o.height;
                if (o != r && intersects) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pixels whose centres lie in the normalized box. */
    static Rect pixels(float[] lb, int w, int h) {
        int x1 = (int) Math.ceil((lb[1] - lb[3] / 2) * w - 0.5);
        int y1 = (int) Math.ceil((lb[2] - lb[4] / 2) * h - 0.5);
        int x2 = (int) Math.floor((lb[1] + lb[3] / 2) * w - 0.5);
        int y2 = (int) Math.floor((lb[2] + lb[4] / 2) * h - 0.5);
        x1 = Math.max(x1, 0);
        y1 = Math.max(y1, 0);
        x2 = Math.min(x2, w - 1);
        y2 = Math.min(y2, h - 1);
        return new Rect(x1, y1, x2 - x1 + 1, y2 - y1 + 1);
    }

    private static Mat and(Mat a, Mat b) {
        Mat out = new Mat();
        Core.bitwise_and(a, b, out);
        return out;
    }

    private static String pct(double f) {
        return String.format("%.1f%%", 100 * f);
    }
}
