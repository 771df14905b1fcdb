package sparkyolo.anchors;

/**
 * The original's anchor-label ratio metric: {@code r = wh / anchor; x = min(r, 1/r).min(over w, h)}.
 * 1 is a perfect fit; the loss matches a label to an anchor when x exceeds 1 / anchor_t.
 */
final class AnchorRatio {
    private AnchorRatio() {
    }

    static double of(double w, double h, double anchorW, double anchorH) {
        double rw = w / anchorW;
        double rh = h / anchorH;
        return Math.min(Math.min(rw, 1 / rw), Math.min(rh, 1 / rh));
    }

    /** The best ratio of one label over all anchors ({@code [n][2]}). */
    static double best(double w, double h, double[][] anchors) {
        double best = 0;
        for (double[] a : anchors) {
            best = Math.max(best, of(w, h, a[0], a[1]));
        }
        return best;
    }
}
