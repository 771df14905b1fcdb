package sparkyolo.anchors;

import java.util.Locale;

/**
 * How well anchors fit a dataset's labels, as check_anchors measures it.
 *
 * @param bpr best possible recall: the share of labels whose best anchor ratio exceeds 1 / anchor_t
 * @param aat anchors above threshold: the mean number of anchors per label whose ratio exceeds it
 */
public record AnchorStats(double bpr, double aat) {
    /** check_anchors recomputes anchors unless the BPR exceeds this. */
    public static final double GOOD_FIT_BPR = 0.98;

    /**
     * The shares come out as the original's float32 means.
     *
     * @param wh        label sizes in pixels, float32 as the original holds them, {@code [labels][2]}
     * @param anchors   anchors in pixels, {@code [n][2]}
     * @param anchorT   the hyp's anchor_t (4.0 by default)
     * @param precision float32 for the model's anchors (a torch tensor), float64 for evolved ones (numpy)
     */
    static AnchorStats of(float[][] wh, double[][] anchors, double anchorT, Precision precision) {
        if (wh.length == 0) {
            throw new IllegalArgumentException("no labels to measure the anchors against");
        }
        double thr = AnchorRatio.threshold(anchorT, precision);
        float[] recalled = new float[wh.length];
        float[] above = new float[wh.length];
        for (int i = 0; i < wh.length; i++) {
            double best = 0;
            for (double[] a : anchors) {
                double x = AnchorRatio.of(wh[i][0], wh[i][1], a[0], a[1], precision);
                best = Math.max(best, x);
                above[i] += x > thr ? 1 : 0;
            }
            recalled[i] = best > thr ? 1 : 0;
        }
        return new AnchorStats(TorchSum.mean(recalled), TorchSum.mean(above));
    }

    /** {@code bpr > 0.98}, compared in float32 as the original's tensor compares it. */
    public boolean goodFit() {
        return (float) bpr > (float) GOOD_FIT_BPR;
    }

    /** The original's log line, e.g. "3.98 anchors/target, 0.960 Best Possible Recall (BPR). Anchors are a poor fit...". */
    public String message() {
        String verdict = goodFit() ? "Current anchors are a good fit to dataset"
                : "Anchors are a poor fit to dataset, attempting to improve...";
        return String.format(Locale.ROOT, "%.2f anchors/target, %.3f Best Possible Recall (BPR). %s", aat, bpr, verdict);
    }
}
