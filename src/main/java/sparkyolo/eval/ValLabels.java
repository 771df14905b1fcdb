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
            float cx = ((x1 + x2) / 2) / lbW;
            float cy = ((y1 + y2) / 2) / lbH;
            float bw = (x2 - x1) / lbW;
            float bh = (y2 - y1) / lbH;
            // back to pixels (targets * [W, H, W, H]) and xywh2xyxy
            cx *= lbW;
            cy *= lbH;
            bw *= lbW;
            bh *= lbH;
            out[i] = new float[] {l[0], cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2};
        }
        return out;
    }

    private static float clip(float v, float max) {
        return Math.min(Math.max(v, 0f), max);
    }
}
