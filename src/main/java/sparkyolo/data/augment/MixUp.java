package sparkyolo.data.augment;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The original's {@code mixup()}: {@code (im * r + im2 * (1 - r)).astype(np.uint8)} with
 * r ~ Beta(32, 32), and the labels of both images.
 */
final class MixUp {
    static final double ALPHA = 32.0;

    private MixUp() {
    }

    /** Blends two images of the same size; both inputs are released. */
    static LabelledImage blend(LabelledImage a, LabelledImage b, double r) {
        Mat sum = new Mat();
        Mat other = new Mat();
        a.image().convertTo(sum, CvType.CV_64F, r);
        b.image().convertTo(other, CvType.CV_64F, 1 - r);
        Core.add(sum, other, sum);
        Mat out = truncateToUint8(sum);
        sum.release();
        other.release();
        a.image().release();
        b.image().release();

        double[][] labels = new double[a.labels().length + b.labels().length][];
        System.arraycopy(a.labels(), 0, labels, 0, a.labels().length);
        System.arraycopy(b.labels(), 0, labels, a.labels().length, b.labels().length);
        return new LabelledImage(out, labels, a.name());
    }

    /**
     * numpy's astype(uint8) truncates where OpenCV's convertTo rounds: round, then take one off
     * wherever rounding went up. Values here lie in [0, 255].
     */
    private static Mat truncateToUint8(Mat values) {
        Mat rounded = new Mat();
        values.convertTo(rounded, CvType.CV_8U);
        Mat roundedF = new Mat();
        rounded.convertTo(roundedF, CvType.CV_64F);
        Mat up = new Mat();
        Core.compare(roundedF, values, up, Core.CMP_GT);
        Mat one = new Mat();
        up.convertTo(one, CvType.CV_8U, 1 / 255.0);
        Core.subtract(rounded, one, rounded);
        roundedF.release();
        up.release();
        one.release();
        return rounded;
    }
}
