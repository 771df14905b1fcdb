package sparkyolo.train;

import java.util.SplittableRandom;

/** The shuffled image order of an epoch, from the run's seed (the same on every machine). */
public final class EpochOrder {
    private EpochOrder() {
    }

    public static int[] permutation(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
