package sparkyolo.eval;

import java.io.Serializable;

/**
 * What validation keeps of one image: the correct matrix of its detections at the 10 IoU
 * thresholds, their confidences and classes, the classes of its labels, and (for --save-json)
 * the detections in original pixels; the first image of a batch carries the batch's loss
 * {@code [box, obj, cls]} when validation computes it (during training), else null.
 */
public record ImageStats(int index, String path, boolean[][] correct, float[] conf, int[] predCls, int[] targetCls,
        float[][] detections, float[][] labels, String error, float[] batchLoss) implements Serializable {
    public boolean ok() {
        return error == null;
    }
}
