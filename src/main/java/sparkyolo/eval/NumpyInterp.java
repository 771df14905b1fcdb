package sparkyolo.eval;

/**
 * {@code np.interp} for increasing (possibly repeated) sample points {@code xp}: below xp[0] gives
 * {@code left}, above the last gives {@code right}; otherwise the segment is the one starting at
 * the last sample point {@code <= x}, so repeated points resolve to their last value.
 */
final class NumpyInterp {
    private NumpyInterp() {
    }

    static double[] interp(double[] x, double[] xp, double[] fp, double left, double right) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = interp(x[i], xp, fp, left, right);
        }
        return out;
    }

    /** np.interp with its default left/right values fp[0] and fp[last]. */
    static double[] interp(double[] x, double[] xp, double[] fp) {
        return interp(x, xp, fp, fp[0], fp[fp.length - 1]);
    }

    static double interp(double x, double[] xp, double[] fp, double left, double right) {
        int last = xp.length - 1;
        if (Double.isNaN(x)) {
            return x;
        }
        if (x > xp[last]) {
            return right;
        }
        if (x < xp[0]) {
            return left;
        }
        int j = lastAtOrBelow(x, xp);
        if (j == last || xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double y = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(y)) {
            // numpy retries from the right end of the segment, then falls back to a flat segment.
            y = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(y) && fp[j] == fp[j + 1]) {
                y = fp[j];
            }
        }
        return y;
    }

    /** Largest j with xp[j] <= x, given xp[0] <= x. */
    private static int lastAtOrBelow(double x, double[] xp) {
        int lo = 0;
        int hi = xp.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x >= xp[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
