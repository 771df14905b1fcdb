package sparkyolo.data.augment;

/**
 * The original's {@code box_candidates()}: a box survives a transform if both sides stay over 2
 * pixels, its area stays over 10% of the area before (scaled by the transform's scale factor) and
 * its aspect ratio stays under 100.
 */
final class BoxCandidates {
    static final double WH_THR = 2;
    static final double AR_THR = 100;
    static final double AREA_THR = 0.1;
    private static final double EPS = 1e-16;

    private BoxCandidates() {
    }

    /** @param w1 @param h1 size before, already multiplied by the scale; @param w2 @param h2 size after */
    static boolean keep(double w1, double h1, double w2, double h2) {
        double ar = Math.max(w2 / (h2 + EPS), h2 / (w2 + EPS));
        return w2 > WH_THR && h2 > WH_THR && w2 * h2 / (w1 * h1 + EPS) > AREA_THR && ar < AR_THR;
    }
}
