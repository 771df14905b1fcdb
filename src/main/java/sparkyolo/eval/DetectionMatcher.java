package sparkyolo.eval;

import sparkyolo.detect.Boxes;

/**
 * Which detections of one image are true positives at each IoU threshold, as YOLOv5's validation
 * decides it (val.py process_batch): for each threshold, the (label, detection) pairs with
 * IoU &gt;= threshold and equal class, ordered by IoU descending; the first pair per detection is
 * kept, then, among those in detection order, the first pair per label. That second step prefers
 * the lowest detection index rather than the highest IoU; it is the original's behaviour and is
 * reproduced on purpose.
 */
public final class DetectionMatcher {
    /** torch.linspace(0.5, 0.95, 10) in float32. */
    public static final float[] IOU_THRESHOLDS = {0.5f, 0.55f, 0.6f, 0.65f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f, 0.95f};

    private DetectionMatcher() {
    }

    /**
     * @param detections rows [x1, y1, x2, y2, conf, cls]
     * @param labels     rows [cls, x1, y1, x2, y2], same pixel space
     * @return correct[detection][threshold index]
     */
    public static boolean[][] correct(float[][] detections, float[][] labels) {
        boolean[][] correct = new boolean[detections.length][IOU_THRESHOLDS.length];
        float[][] iou = Boxes.iou(labels, 1, detections, 0);
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            float threshold = IOU_THRESHOLDS[t];
            Matches candidates = Matches.where(iou, (l, d) -> iou[l][d] >= threshold
                    && labels[l][0] == detections[d][5]);
            Matches matched = candidates.sortedByIouDescending().firstPerDetection().firstPerLabel();
            for (int k = 0; k < matched.size(); k++) {
                correct[matched.detection(k)][t] = true;
            }
        }
        return correct;
    }
}
