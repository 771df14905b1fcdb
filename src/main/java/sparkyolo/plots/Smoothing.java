package sparkyolo.plots;

/** The smoothing filters the original's plots draw their "smoothed" lines with. */
final class Smoothing {
    /** scipy's gaussian_filter1d default: the kernel reaches out to 4 sigma. */
    private static final double TRUNCATE = 4.0;

    private Smoothing() {
    }

    /**
     * metrics.py smooth(y, f): a centred box filter of {@code round(len * 2f) // 2 + 1} taps over y
     * padded with its end values.
     */
    static double[] box(double[] y, double fraction) {
        int taps = (int) Math.rint(y.length * fraction * 2) / 2 + 1;
        int pad = taps / 2;
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = 0.0;
            for (int k = 0; k < taps; k++) {
                s += y[Math.min(Math.max(i + k - pad, 0), y.length - 1)] / taps;
            }
            out[i] = s;
        }
        return out;
    }

    /** scipy.ndimage.gaussian_filter1d(y, sigma) with its default 'reflect' border (d c b a | a b c d | d c b a). */
    static double[] gaussian(double[] y, double sigma) {
        int radius = (int) (TRUNCATE * sigma + 0.5);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0.0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += kernel[k + radius];
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = 0.0;
            for (int k = -radius; k <= radius; k++) {
                s += kernel[k + radius] / sum * y[reflect(i + k, y.length)];
            }
            out[i] = s;
        }
        return out;
    }

    private static int reflect(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }
}
