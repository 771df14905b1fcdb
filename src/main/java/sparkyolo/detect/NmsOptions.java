package sparkyolo.detect;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import sparkyolo.util.InvalidOptionException;

/**
 * Settings of {@link Nms}, with the original non_max_suppression defaults
 * ({@link #defaults()}: conf 0.25, IoU 0.45, all classes, per-class NMS, best class only, 300 detections).
 *
 * @param confThres  minimum objectness and minimum class score (exclusive), in [0, 1]
 * @param iouThres   boxes overlapping a kept box of the same class by more than this are suppressed, in [0, 1]
 * @param classes    class ids to keep, or null for all
 * @param agnostic   suppress across classes instead of per class
 * @param multiLabel one detection per (box, class) scoring above confThres instead of the best class only;
 *                   ignored for single-class models, as in the original
 * @param maxDet     maximum number of detections returned per image
 */
public record NmsOptions(double confThres, double iouThres, int[] classes, boolean agnostic, boolean multiLabel,
                         int maxDet) implements Serializable {
    public NmsOptions {
        requireUnitInterval("--conf-thres", confThres);
        requireUnitInterval("--iou-thres", iouThres);
        InvalidOptionException.requireAtLeast("--max-det", maxDet, 1);
        classes = classes == null ? null : classes.clone();
    }

    public static NmsOptions defaults() {
        return new NmsOptions(0.25, 0.45, null, false, false, 300);
    }

    @Override
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    public NmsOptions withConfThres(double value) {
        return new NmsOptions(value, iouThres, classes, agnostic, multiLabel, maxDet);
    }

    public NmsOptions withIouThres(double value) {
        return new NmsOptions(confThres, value, classes, agnostic, multiLabel, maxDet);
    }

    public NmsOptions withClasses(int... value) {
        return new NmsOptions(confThres, iouThres, value, agnostic, multiLabel, maxDet);
    }

    public NmsOptions withAgnostic(boolean value) {
        return new NmsOptions(confThres, iouThres, classes, value, multiLabel, maxDet);
    }

    public NmsOptions withMultiLabel(boolean value) {
        return new NmsOptions(confThres, iouThres, classes, agnostic, value, maxDet);
    }

    public NmsOptions withMaxDet(int value) {
        return new NmsOptions(confThres, iouThres, classes, agnostic, multiLabel, value);
    }

    boolean keepsClass(int cls) {
        if (classes == null) {
            return true;
        }
        for (int c : classes) {
            if (c == cls) {
                return true;
            }
        }
        return false;
    }

    private static void requireUnitInterval(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidOptionException(option, "must be between 0.0 and 1.0, got " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NmsOptions other && confThres == other.confThres && iouThres == other.iouThres
                && Arrays.equals(classes, other.classes) && agnostic == other.agnostic
                && multiLabel == other.multiLabel && maxDet == other.maxDet;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(classes) + Objects.hash(confThres, iouThres, agnostic, multiLabel, maxDet);
    }

    @Override
    public String toString() {
        return "NmsOptions[confThres=" + confThres + ", iouThres=" + iouThres + ", classes=" + Arrays.toString(classes)
                + ", agnostic=" + agnostic + ", multiLabel=" + multiLabel + ", maxDet=" + maxDet + "]";
    }
}
