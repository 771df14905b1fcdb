package sparkyolo.eval;

import java.util.Arrays;
import sparkyolo.detect.Boxes;

/**
 * Detection confusion matrix of YOLOv5's validation (metrics.py ConfusionMatrix), counts indexed
 * [predicted class][true class] with index {@code nc} standing for background: row nc counts ground
 * truth that no detection matched, column nc detections that matched no ground truth.
 *
 * <p>Quirk kept from the original: unmatched detections are only counted when the image has at
 * least one match above the IoU threshold.
 */
public final class ConfusionMatrix {
    private final int nc;
    private final float conf;
    private final float iouThres;
    private final double[][] matrix;

    /** With the original's defaults: detections above conf 0.25, matched at IoU above 0.45. */
    public ConfusionMatrix(int nc) {
        this(nc, 0.25, 0.45);
    }

    public ConfusionMatrix(int nc, double conf, double iouThres) {
        this.nc = nc;
        // Compared against float32 tensors in the original, i.e. in float32.
        this.conf = (float) conf;
        this.iouThres = (float) iouThres;
        this.matrix = new double[nc + 1][nc + 1];
    }

    /**
     * Adds one image.
     *
     * @param detections rows [x1, y1, x2, y2, conf, cls], or null for an image without predictions
     *                   (then every label counts as missed)
     * @param labels     rows [cls, x1, y1, x2, y2]
     */
    public void processBatch(float[][] detections, float[][] labels) {
        if (detections == null) {
            for (float[] label : labels) {
                matrix[nc][(int) label[0]] += 1;
            }
            return;
        }
        float[][] dets = Arrays.stream(detections).filter(d -> d[4] > conf).toArray(float[][]::new);
        float[][] iou = Boxes.iou(labels, 1, dets, 0);
        Matches matches = Matches.where(iou, (l, d) -> iou[l][d] > iouThres)
                .sortedByIouDescending().firstPerDetection()
                .sortedByIouDescending().firstPerLabel();
        boolean anyMatch = matches.size() > 0;
        int[] matchedDetection = new int[labels.length];
        Arrays.fill(matchedDetection, -1);
        boolean[] detectionMatched = new boolean[dets.length];
        for (int k = 0; k < matches.size(); k++) {
            matchedDetection[matches.label(k)] = matches.detection(k);
            detectionMatched[matches.detection(k)] = true;
        }
        for (int i = 0; i < labels.length; i++) {
            int trueClass = (int) labels[i][0];
            if (matchedDetection[i] >= 0) {
                matrix[(int) dets[matchedDetection[i]][5]][trueClass] += 1;
            } else {
                matrix[nc][trueClass] += 1;
            }
        }
        if (anyMatch) {
            for (int d = 0; d < dets.length; d++) {
                if (!detectionMatched[d]) {
                    matrix[(int) dets[d][5]][nc] += 1;
                }
            }
        }
    }

    /** A copy of the counts, [predicted class][true class], background at index nc. */
    public double[][] matrix() {
        double[][] copy = new double[nc + 1][];
        for (int i = 0; i <= nc; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
