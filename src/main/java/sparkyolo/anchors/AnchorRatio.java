package sparkyolo.anchors;

/**
 * The original's anchor-label ratio metric: {@code r = wh / anchor; x = min(r, 1/r).min(over w, h)}.
 * 1 is a perfect fit; the loss matches a label to an anchor when x exceeds 1 / anchor_t.
 */
final class AnchorRatio {
    private AnchorRatio() {
    }

    static double of(double w, double h, double anchorW, double anchorH, Precision p) {
        double rw = p.round(p.round(w) / p.round(anchorW));
        double rh = p.round(p.round(h) / p.round(anchorH));
        return Math.min(Math.min(rw, p.round(1 / rw)), Math.min(rh, p.round(1 / rh)));
    }

    /** The best ratio of one label over all anchors ({@code [n][2]}). */
    static double best(double w, double h, double[][] anchors, Precision p) {
        double best = 0;
        for (double[] a : anchors) {
            best = Math.max(best, of(w, h, a[0], a[1], p));
        }
        return best;
    }

    /** The threshold {@code 1 / anchor_t} as a comparison in this precision sees it. */
    static double threshold(double anchorT, Precision p) {
        return p.round(1 / anchorT);
    }
}
