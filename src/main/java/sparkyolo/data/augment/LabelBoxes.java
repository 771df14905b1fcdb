package sparkyolo.data.augment;

/** Label rows between the normalized file form and pixels, as the original's xywhn2xyxy and xyxy2xywhn. */
final class LabelBoxes {
    /** The margin below the image size that {@code xyxy2xywhn(clip=True, eps=1e-3)} clips to. */
    static final double CLIP_EPS = 1e-3;

    private LabelBoxes() {
    }

    /** {@code [cls, cx, cy, w, h]} normalized to {@code [cls, x1, y1, x2, y2]} in pixels of a w×h area placed at (padw, padh). */
    static double[][] toPixelXyxy(float[][] rows, double w, double h, double padw, double padh) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            out[i] = new double[] {r[0], w * (r[1] - r[3] / 2.0) + padw, h * (r[2] - r[4] / 2.0) + padh,
                w * (r[1] + r[3] / 2.0) + padw, h * (r[2] + r[4] / 2.0) + padh};
        }
        return out;
    }

    /** Pixel {@code [cls, x1, y1, x2, y2]} clipped to [0, w - eps] × [0, h - eps], then normalized {@code [cls, cx, cy, w, h]}. */
    static float[][] toNormalizedXywh(double[][] rows, int w, int h) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            double x1 = clip(r[1], w - CLIP_EPS);
            double y1 = clip(r[2], h - CLIP_EPS);
            double x2 = clip(r[3], w - CLIP_EPS);
            double y2 = clip(r[4], h - CLIP_EPS);
            out[i] = new float[] {(float) r[0], (float) ((x1 + x2) / 2 / w), (float) ((y1 + y2) / 2 / h),
                (float) ((x2 - x1) / w), (float) ((y2 - y1) / h)};
        }
        return out;
    }

    private static double clip(double v, double max) {
        return Math.min(Math.max(v, 0), max);
    }
}
