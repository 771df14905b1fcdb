package sparkyolo.eval;

/**
 * Ground-truth boxes of a validation image in original pixels, computed along the original's
 * path (normalized labels → letterboxed pixels → clipped normalized → pixels → scale_coords back)
 * in float32, so that matching sees the same numbers as the original's val.
 */
public final class ValLabels {
    private static final float EPS = 1e-3f;

    private ValLabels() {
    }

    /**
     * @param labels rows {@code [cls, cx, cy, w, h]} normalized to the original image
     * @param h      height after the load_image resize ({@code w} likewise)
     * @param lbH    letterboxed (batch) height ({@code lbW} likewise)
     * @param ratio  letterbox scale, {@code padW}/{@code padH} its padding
     * @return rows {@code [cls, x1, y1, x2, y2]} in original pixels
     */
    public static float[][] nativeBoxes(float[][] labels, int h0, int w0, int h, int w, int lbH, int lbW,
            double ratio, double padW, double padH) {
        float[][] norm = letterboxed(labels, h, w, lbH, lbW, ratio, padW, padH);
        float[][] out = new float[norm.length][];
        for (int i = 0; i < norm.length; i++) {
            // back to pixels (targets * [W, H, W, H]) and xywh2xyxy
            float cx = norm[i][1] * lbW;
            float cy = norm[i][2] * lbH;
            float bw = norm[i][3] * lbW;
            float bh = norm[i][4] * lbH;
            out[i] = new float[] {norm[i][0], cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2};
        }
        return out;
    }

    /** The labels as the val loader hands them out: {@code [cls, cx, cy, w, h]} normalized to the letterboxed image. */
    public static float[][] letterboxed(float[][] labels, int h, int w, int lbH, int lbW, double ratio, double padW,
            double padH) {
        float sx = (float) (ratio * w);
        float sy = (float) (ratio * h);
        float pw = (float) padW;
        float ph = (float) padH;
        float[][] out = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            float[] l = labels[i];
            // xywhn2xyxy into the letterboxed image
            float x1 = sx * (l[1] - l[3] / 2) + pw;
            float y1 = sy * (l[2] - l[4] / 2) + ph;
            float x2 = sx * (l[1] + l[3] / 2) + pw;
            float y2 = sy * (l[2] + l[4] / 2) + ph;
            // xyxy2xywhn with clip to (w - eps, h - eps)
            x1 = clip(x1, lbW - EPS);
            x2 = clip(x2, lbW - EPS);
            y1 = clip(y1, lbH - EPS);
            y2 = clip(y2, lbH - EPS);
            out[i] = new float[] {l[0], ((x1 + x2) / 2) / lbW, ((y1 + y2) / 2) / lbH, (x2 - x1) / lbW, (y2 - y1) / lbH};
        }
        return out;
    }

    private static float clip(float v, float max) {
        return Math.min(Math.max(v, 0f), max);
    }
}
