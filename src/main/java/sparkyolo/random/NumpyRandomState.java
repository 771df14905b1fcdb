package sparkyolo.random;

/**
 * numpy's legacy {@code RandomState} (numpy 1.x {@code np.random.seed}/{@code np.random.*}): the
 * draws the original makes from {@code np.random} and scipy's k-means makes from it, value for
 * value. Not thread-safe.
 */
public final class NumpyRandomState {
    /** The largest seed numpy accepts, {@code 2**32 - 1}. */
    public static final long MAX_SEED = 0xffffffffL;

    private final Mt19937 mt;
    private boolean hasGauss;
    private double gauss;

    /** {@code np.random.seed(seed)}. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed " + seed + " outside numpy's range [0, " + MAX_SEED + "]");
        }
        mt = Mt19937.initGenrand((int) seed);
    }

    /** {@code random_sample()} (also {@code rand}, {@code random}): a double in [0, 1). */
    public double randomSample() {
        return mt.nextDouble();
    }

    /** {@code uniform(low, high)}: {@code low + (high - low) * random_sample()}. */
    public double uniform(double low, double high) {
        double range = high - low;
        return low + range * randomSample();
    }

    /**
     * {@code standard_normal()} (also {@code randn}): the legacy polar method, which draws pairs
     * and keeps the second value of a pair for the next call.
     */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code permutation(n)}: {@code arange(n)} shuffled by the legacy Fisher-Yates shuffle. */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
        return a;
    }

    /** {@code choice(n, k, replace=False)}: the first k of a permutation of n. */
    public int[] choiceWithoutReplacement(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot take " + k + " of " + n + " without replacement");
        }
        int[] chosen = new int[k];
        System.arraycopy(permutation(n), 0, chosen, 0, k);
        return chosen;
    }

    /** A uniform integer in [0, max] by masked rejection ({@code random_interval}). */
    private long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xffffffffL) {
            do {
                value = (mt.next32() & 0xffffffffL) & mask;
            } while (value > max);
        } else {
            do {
                value = (((mt.next32() & 0xffffffffL) << 32) | (mt.next32() & 0xffffffffL)) & mask;
            } while (value > max);
        }
        return value;
    }
}
