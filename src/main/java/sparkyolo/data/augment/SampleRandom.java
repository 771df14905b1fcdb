package sparkyolo.data.augment;

import java.util.SplittableRandom;

/**
 * The random draws of one training sample, from a generator seeded by (run seed, epoch, dataset
 * index) only, so that a sample is the same whatever thread, machine or order makes it. The
 * derived draws use {@link StrictMath}, whose results are specified bit for bit on every JVM.
 */
public final class SampleRandom {
    private final SplittableRandom random;

    private SampleRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static SampleRandom of(long runSeed, int epoch, int index) {
        // SplittableRandom streams of nearby seeds are shifted copies of each other, so the three
        // parts are hashed together first.
        return new SampleRandom(mix(mix(mix(runSeed) ^ epoch) ^ index));
    }

    /** The SplitMix64 finalizer, a bijection with good avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Python's {@code random.uniform(lo, hi)}: {@code lo + (hi - lo) * random()}. */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** {@code random() < p}: never for p = 0, always for p = 1. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Uniform in [0, n). */
    public int index(int n) {
        return random.nextInt(n);
    }

    /** Fisher-Yates, as Python's {@code random.shuffle}. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); a, b ≥ 1. */
    public double beta(double a, double b) {
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    /** Gamma(shape, 1) for shape ≥ 1, by Marsaglia and Tsang (2000). */
    private double gamma(double shape) {
        if (shape < 1) {
            throw new IllegalArgumentException("gamma shape " + shape + " < 1 is not supported");
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = gaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x
                    || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }

    /** Standard normal by Marsaglia's polar method (SplittableRandom's own may use non-strict math). */
    private double gaussian() {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            }
        }
    }
}
