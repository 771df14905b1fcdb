package sparkyolo.util;

/**
 * float64 sums and means in numpy's summation order ({@code np.add.reduce} over a contiguous 1-D
 * array, i.e. {@code sum}, {@code mean}, {@code np.trapz}): pairwise summation with 8 partial sums
 * per block of up to 128 elements. Used so that metrics match the reference to the last bit.
 */
public final class NumpySum {
    private static final int BLOCK = 128;

    private NumpySum() {
    }

    public static double sum(double[] a) {
        return 0.0 + pairwise(a, 0, a.length);
    }

    /** {@code np.mean}; NaN for an empty array, as numpy (which also warns). */
    public static double mean(double[] a) {
        return sum(a) / a.length;
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int k = 0; k < 8; k++) {
                    r[k] += a[from + i + k];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
