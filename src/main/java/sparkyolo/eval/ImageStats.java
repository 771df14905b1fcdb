package sparkyolo.eval;

import java.io.Serializable;

/**
 * What validation keeps of one image: the correct matrix of its detections at the 10 IoU
 * thresholds, their confidences and classes, the classes of its labels, and (for --save-json)
 * the detections in original pixels.
 */
public record ImageStats(int index, String path, boolean[][] correct, float[] conf, int[] predCls, int[] targetCls,
        float[][] detections, float[][] labels, String error) implements Serializable {
    public boolean ok() {
        return error == null;
    }
}
