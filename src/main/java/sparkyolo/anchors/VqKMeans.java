package sparkyolo.anchors;

import sparkyolo.random.NumpyRandomState;
import sparkyolo.util.NumpySum;

/**
 * scipy's {@code scipy.cluster.vq.kmeans(obs, k, iter, thresh)} (scipy 1.10): {@code iter} runs,
 * each started from k distinct observations drawn from numpy's RandomState
 * ({@code choice(n, k, replace=False)}) and refined until the mean distance of the observations
 * to their nearest centroid falls by no more than {@code thresh} (a rise also ends it); the
 * codebook with the lowest mean distance wins, the first on a tie. As in scipy, a centroid left
 * without members is dropped, so fewer than k centroids may come back. Observations should be
 * whitened (unit variance per column).
 */
final class VqKMeans {
    static final double DEFAULT_THRESH = 1e-5;

    /** @param distortion mean Euclidean distance of the observations to their nearest centroid */
    record Result(double[][] codebook, double distortion) {
    }

    private VqKMeans() {
    }

    static Result kmeans(double[][] obs, int k, int iter, double thresh, NumpyRandomState rng) {
        if (k < 1 || k > obs.length) {
            throw new IllegalArgumentException("asked for " + k + " clusters of " + obs.length + " observations");
        }
        if (iter < 1) {
            throw new IllegalArgumentException("iter must be >= 1, got " + iter);
        }
        Result best = null;
        for (int i = 0; i < iter; i++) {
            Result r = refine(obs, randomPoints(obs, k, rng), thresh);
            if (best == null || r.distortion() < best.distortion()) {
                best = r;
            }
        }
        return best;
    }

    /** scipy's {@code _kpoints}: k distinct rows of obs in random order. */
    private static double[][] randomPoints(double[][] obs, int k, NumpyRandomState rng) {
        int[] idx = rng.choiceWithoutReplacement(obs.length, k);
        double[][] points = new double[k][];
        for (int i = 0; i < k; i++) {
            points[i] = obs[idx[i]].clone();
        }
        return points;
    }

    /** scipy's {@code _kmeans}: Lloyd iterations until the distortion settles. */
    private static Result refine(double[][] obs, double[][] codebook, double thresh) {
        int[] code = new int[obs.length];
        double previous = Double.POSITIVE_INFINITY;
        double distortion;
        double diff;
        do {
            distortion = assign(obs, codebook, code);
            codebook = centroids(obs, code, codebook);
            diff = previous - distortion;
            previous = distortion;
        } while (diff > thresh);
        // As scipy, the distortion is that of the codebook before its last update.
        return new Result(codebook, distortion);
    }

    /** Nearest centroid of each observation (the first on ties); returns the mean distance, summed as numpy sums. */
    private static double assign(double[][] obs, double[][] codebook, int[] code) {
        double[] distance = new double[obs.length];
        for (int i = 0; i < obs.length; i++) {
            int bestCode = 0;
            double bestD2 = Double.POSITIVE_INFINITY;
            for (int c = 0; c < codebook.length; c++) {
                double d2 = 0;
                for (int f = 0; f < obs[i].length; f++) {
                    double d = obs[i][f] - codebook[c][f];
                    d2 += d * d;
                }
                if (d2 < bestD2) {
                    bestD2 = d2;
                    bestCode = c;
                }
            }
            code[i] = bestCode;
            distance[i] = Math.sqrt(bestD2);
        }
        return NumpySum.mean(distance);
    }

    /** The mean of each centroid's members; centroids without members are dropped. */
    private static double[][] centroids(double[][] obs, int[] code, double[][] codebook) {
        int features = codebook[0].length;
        double[][] sums = new double[codebook.length][features];
        int[] counts = new int[codebook.length];
        for (int i = 0; i < obs.length; i++) {
            counts[code[i]]++;
            for (int f = 0; f < features; f++) {
                sums[code[i]][f] += obs[i][f];
            }
        }
        int kept = 0;
        for (int count : counts) {
            kept += count > 0 ? 1 : 0;
        }
        double[][] out = new double[kept][];
        int row = 0;
        for (int c = 0; c < codebook.length; c++) {
            if (counts[c] > 0) {
                for (int f = 0; f < features; f++) {
                    sums[c][f] /= counts[c];
                }
                out[row++] = sums[c];
            }
        }
        return out;
    }
}
