package sparkyolo.detect;

/**
 * Box geometry of YOLOv5 in float32: format conversions, the pairwise IoU matrix and the mapping of
 * boxes from the letterboxed model input back to the original image. Boxes are rows of at least
 * four floats; xyxy = (x1, y1, x2, y2), xywh = (centre x, centre y, width, height).
 */
public final class Boxes {
    /** Added to the union in {@link #iou}, as the original's box_iou does. */
    private static final float IOU_EPS = 1e-7f;

    private Boxes() {
    }

    public static float[] xywhToXyxy(float[] b) {
        float hw = b[2] / 2;
        float hh = b[3] / 2;
        return new float[] {b[0] - hw, b[1] - hh, b[0] + hw, b[1] + hh};
    }

    public static float[] xyxyToXywh(float[] b) {
        return new float[] {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0], b[3] - b[1]};
    }

    /** IoU of every box in {@code boxes1} with every box in {@code boxes2}, both xyxy in columns 0..3. */
    public static float[][] iou(float[][] boxes1, float[][] boxes2) {
        return iou(boxes1, 0, boxes2, 0);
    }

    /**
     * IoU matrix [i][j] of boxes1[i] and boxes2[j], whose xyxy coordinates start at column
     * {@code from1} / {@code from2} (e.g. 1 for label rows [cls, x1, y1, x2, y2]). Computed like
     * the original's box_iou: {@code inter / (area1 + area2 - inter + 1e-7)} in float32.
     */
    public static float[][] iou(float[][] boxes1, int from1, float[][] boxes2, int from2) {
        float[] area2 = new float[boxes2.length];
        for (int j = 0; j < boxes2.length; j++) {
            area2[j] = area(boxes2[j], from2);
        }
        float[][] out = new float[boxes1.length][boxes2.length];
        for (int i = 0; i < boxes1.length; i++) {
            float[] a = boxes1[i];
            float area1 = area(a, from1);
            for (int j = 0; j < boxes2.length; j++) {
                float[] b = boxes2[j];
                float w = Math.max(Math.min(a[from1 + 2], b[from2 + 2]) - Math.max(a[from1], b[from2]), 0f);
                float h = Math.max(Math.min(a[from1 + 3], b[from2 + 3]) - Math.max(a[from1 + 1], b[from2 + 1]), 0f);
                float inter = w * h;
                out[i][j] = inter / (area1 + area2[j] - inter + IOU_EPS);
            }
        }
        return out;
    }

    private static float area(float[] b, int from) {
        return (b[from + 2] - b[from]) * (b[from + 3] - b[from + 1]);
    }

    /**
     * Maps xyxy boxes (columns 0..3 of each row, changed in place) from the model input of size
     * {@code inputHw} back to the original image of size {@code originalHw}, then clips them to it,
     * as the original's scale_coords. Without {@code ratioPad} the letterbox gain and centred
     * padding are derived from the two shapes; with it, gain = ratioPad[0][0] and pad = ratioPad[1]
     * = (dw, dh).
     */
    public static void scaleCoords(int[] inputHw, float[][] boxes, int[] originalHw, double[][] ratioPad) {
        double gain;
        double padW;
        double padH;
        if (ratioPad == null) {
            gain = Math.min((double) inputHw[0] / originalHw[0], (double) inputHw[1] / originalHw[1]);
            padW = (inputHw[1] - originalHw[1] * gain) / 2;
            padH = (inputHw[0] - originalHw[0] * gain) / 2;
        } else {
            gain = ratioPad[0][0];
            padW = ratioPad[1][0];
            padH = ratioPad[1][1];
        }
        // The original does these steps on a float32 tensor, with the Python floats taken as float32.
        float g = (float) gain;
        float pw = (float) padW;
        float ph = (float) padH;
        for (float[] b : boxes) {
            b[0] = clip((b[0] - pw) / g, originalHw[1]);
            b[1] = clip((b[1] - ph) / g, originalHw[0]);
            b[2] = clip((b[2] - pw) / g, originalHw[1]);
            b[3] = clip((b[3] - ph) / g, originalHw[0]);
        }
    }

    private static float clip(float v, int max) {
        return Math.min(Math.max(v, 0f), max);
    }
}
