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
     * @param wh      label sizes in pixels, {@code [labels][2]}
     * @param anchors anchors in pixels, {@code [n][2]}
     * @param anchorT the hyp's anchor_t (4.0 by default)
     */
    public static AnchorStats of(double[][] wh, double[][] anchors, double anchorT) {
        if (wh.length == 0) {
            throw new IllegalArgumentException("no labels to measure the anchors against");
        }
        double thr = 1 / anchorT;
        int recalled = 0;
        long above = 0;
        for (double[] label : wh) {
            double best = 0;
            for (double[] a : anchors) {
                double x = AnchorRatio.of(label[0], label[1], a[0], a[1]);
                best = Math.max(best, x);
                if (x > thr) {
                    above++;
                }
            }
            if (best > thr) {
                recalled++;
            }
        }
        return new AnchorStats((double) recalled / wh.length, (double) above / wh.length);
    }

    public boolean goodFit() {
        return bpr > GOOD_FIT_BPR;
    }

    /** The original's log line, e.g. "3.98 anchors/target, 0.960 Best Possible Recall (BPR). Anchors are a poor fit...". */
    public String message() {
        String verdict = goodFit() ? "Current anchors are a good fit to dataset"
                : "Anchors are a poor fit to dataset, attempting to improve...";
        return String.format(Locale.ROOT, "%.2f anchors/target, %.3f Best Possible Recall (BPR). %s", aat, bpr, verdict);
    }
}
