package sparkyolo.data.augment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import sparkyolo.image.Letterbox;

/**
 * The original's {@code random_perspective()} (utils/augmentations.py, YOLOv5 v6.2) for box labels:
 * one matrix {@code T·S·R·P·C} (centre, perspective, rotation and scale, shear, translation),
 * the image warped with border 114, each box replaced by the bounds of its four warped corners,
 * clipped to the output and filtered by {@link BoxCandidates}.
 */
final class RandomPerspective {
    private static final Scalar BORDER = Scalar.all(Letterbox.DEFAULT_COLOR);

    private final AugmentParams params;

    /** A drawn transform and the scale factor it includes (box_candidates compares areas at that scale). */
    private record Draw(double[][] matrix, double scale) {
    }

    RandomPerspective(AugmentParams params) {
        this.params = params;
    }

    /**
     * @param border added to each side of the output ({@code -s/2} crops a mosaic's 2s canvas to s)
     * @return the warped image and surviving labels; the input Mat is released when a new one is made
     */
    LabelledImage apply(LabelledImage in, int border, SampleRandom rng) {
        Mat image = in.image();
        int height = image.rows() + 2 * border;
        int width = image.cols() + 2 * border;
        Draw draw = draw(image.cols(), image.rows(), width, height, rng);
        double[][] m = draw.matrix();

        Mat out = image;
        if (border != 0 || !Matrix3.isIdentity(m)) {
            boolean perspective = params.perspective() != 0;
            Mat mm = Matrix3.toMat(m, perspective ? 3 : 2);
            out = new Mat();
            if (perspective) {
                Imgproc.warpPerspective(image, out, mm, new Size(width, height), Imgproc.INTER_LINEAR,
                        Core.BORDER_CONSTANT, BORDER);
            } else {
                Imgproc.warpAffine(image, out, mm, new Size(width, height), Imgproc.INTER_LINEAR,
                        Core.BORDER_CONSTANT, BORDER);
            }
            mm.release();
            image.release();
        }
        return new LabelledImage(out, warpBoxes(in.labels(), m, width, height, draw.scale()), in.name());
    }

    /** Draws the transform, in the original's order. */
    private Draw draw(int srcW, int srcH, int width, int height, SampleRandom rng) {
        double[][] c = Matrix3.translation(-srcW / 2.0, -srcH / 2.0);

        double[][] p = Matrix3.identity();
        p[2][0] = rng.uniform(-params.perspective(), params.perspective());
        p[2][1] = rng.uniform(-params.perspective(), params.perspective());

        // cv2.getRotationMatrix2D(angle=a, center=(0, 0), scale=s); a > 0 turns counter-clockwise on screen.
        double a = rng.uniform(-params.degrees(), params.degrees());
        double s = rng.uniform(1 - params.scale(), 1 + params.scale());
        double alpha = s * StrictMath.cos(StrictMath.toRadians(a));
        double beta = s * StrictMath.sin(StrictMath.toRadians(a));
        double[][] r = {{alpha, beta, 0}, {-beta, alpha, 0}, {0, 0, 1}};

        double[][] sh = Matrix3.identity();
        sh[0][1] = StrictMath.tan(StrictMath.toRadians(rng.uniform(-params.shear(), params.shear())));
        sh[1][0] = StrictMath.tan(StrictMath.toRadians(rng.uniform(-params.shear(), params.shear())));

        double[][] t = Matrix3.translation(rng.uniform(0.5 - params.translate(), 0.5 + params.translate()) * width,
                rng.uniform(0.5 - params.translate(), 0.5 + params.translate()) * height);

        return new Draw(Matrix3.product(t, sh, r, p, c), s);
    }

    private double[][] warpBoxes(double[][] labels, double[][] m, int width, int height, double s) {
        boolean perspective = params.perspective() != 0;
        List<double[]> kept = new ArrayList<>();
        for (double[] lb : labels) {
            double[][] corners = {{lb[1], lb[2]}, {lb[3], lb[4]}, {lb[1], lb[4]}, {lb[3], lb[2]}};
            double x1 = Double.POSITIVE_INFINITY;
            double y1 = Double.POSITIVE_INFINITY;
            double x2 = Double.NEGATIVE_INFINITY;
            double y2 = Double.NEGATIVE_INFINITY;
            for (double[] xy : corners) {
                double x = m[0][0] * xy[0] + m[0][1] * xy[1] + m[0][2];
                double y = m[1][0] * xy[0] + m[1][1] * xy[1] + m[1][2];
                if (perspective) {
                    double z = m[2][0] * xy[0] + m[2][1] * xy[1] + m[2][2];
                    x /= z;
                    y /= z;
                }
                x1 = Math.min(x1, x);
                y1 = Math.min(y1, y);
                x2 = Math.max(x2, x);
                y2 = Math.max(y2, y);
            }
            x1 = clip(x1, width);
            x2 = clip(x2, width);
            y1 = clip(y1, height);
            y2 = clip(y2, height);
            if (BoxCandidates.keep((lb[3] - lb[1]) * s, (lb[4] - lb[2]) * s, x2 - x1, y2 - y1)) {
                kept.add(new double[] {lb[0], x1, y1, x2, y2});
            }
        }
        return kept.toArray(new double[0][]);
    }

    private static double clip(double v, double max) {
        return Math.min(Math.max(v, 0), max);
    }
}
