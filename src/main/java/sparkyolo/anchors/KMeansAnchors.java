package sparkyolo.anchors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.random.GlobalRandom;
import sparkyolo.random.NumpyRandomState;

/**
 * New anchors for a dataset, as the original's kmean_anchors (YOLOv5 v6.2) computes them: k-means
 * on the whitened label sizes (float64), then a genetic evolution of the anchors' fitness (float32).
 */
public final class KMeansAnchors {
    public static final int DEFAULT_GENERATIONS = 1000;
    /** k-means restarts, as the original asks scipy for. */
    static final int KMEANS_ITER = 30;
    /** Labels smaller than this on both sides are left out of the fit. */
    static final double MIN_LABEL = 2.0;
    /** Labels smaller than this on a side are reported as extremely small. */
    static final double SMALL_LABEL = 3.0;

    private static final Logger LOG = LogManager.getLogger(KMeansAnchors.class);

    private KMeansAnchors() {
    }

    /** Anchors for a dataset whose images are trained at {@code imgSize} (long side). */
    public static double[][] evolve(AnchorDataset data, int n, int imgSize, double anchorT, int generations,
            GlobalRandom rng) {
        return evolve(data.pixelWh(imgSize), n, imgSize, anchorT, generations, rng);
    }

    /**
     * As the original, fewer usable labels than anchors (or a k-means that finds fewer clusters)
     * mean a random start; without usable labels at all the random start comes back unchanged.
     *
     * @param labelWh     label sizes in pixels at the training size, {@code [labels][2]}
     * @param n           number of anchors (nl * na)
     * @param imgSize     training size; scales the random start
     * @param anchorT     the hyp's anchor_t
     * @param generations evolution generations (the original uses 1000)
     * @return {@code [n][2]} anchors in pixels, sorted by area, small to large
     */
    public static double[][] evolve(double[][] labelWh, int n, int imgSize, double anchorT, int generations,
            GlobalRandom rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of anchors must be >= 1, got " + n);
        }
        double[][] wh = usableLabels(labelWh);
        LOG.info("AutoAnchor: Running kmeans for {} anchors on {} points...", n, wh.length);
        double[][] start = initialAnchors(wh, n, imgSize, rng.numpy());
        AnchorEvolution.Result evolved = AnchorEvolution.evolve(toFloat32(wh), sortByArea(start), anchorT,
                generations, rng);
        double[][] anchors = sortByArea(evolved.anchors());
        LOG.info("AutoAnchor: Evolved anchors for {} generations: fitness = {}", generations,
                String.format(Locale.ROOT, "%.4f", evolved.fitness()));
        LOG.info(summary(anchors, toFloat32(labelWh), imgSize, anchorT));
        return anchors;
    }

    /** Labels 2 pixels or more on a side, warning about those under 3 pixels on a side. */
    static double[][] usableLabels(double[][] labelWh) {
        int small = 0;
        List<double[]> kept = new ArrayList<>();
        for (double[] wh : labelWh) {
            if (wh[0] < SMALL_LABEL || wh[1] < SMALL_LABEL) {
                small++;
            }
            if (wh[0] >= MIN_LABEL || wh[1] >= MIN_LABEL) {
                kept.add(wh);
            }
        }
        if (small > 0) {
            LOG.warn("AutoAnchor: WARNING: Extremely small objects found: {} of {} labels are < 3 pixels in size",
                    small, labelWh.length);
        }
        return kept.toArray(new double[0][]);
    }

    /** The evolution's start: k-means centroids, or the original's random anchors where k-means cannot give n. */
    static double[][] initialAnchors(double[][] wh, int n, int imgSize, NumpyRandomState rng) {
        double[][] k = n <= wh.length ? kmeans(wh, n, rng) : null;
        if (k == null) {
            LOG.warn("AutoAnchor: WARNING: switching strategies from kmeans to random init");
            k = randomAnchors(n, imgSize, rng);
        }
        return k;
    }

    /**
     * scipy k-means on the labels divided by their standard deviation, scaled back; null where the
     * original falls back to a random start (a side of zero spread, or fewer than n centroids).
     */
    private static double[][] kmeans(double[][] wh, int n, NumpyRandomState rng) {
        double[] sigma = std(wh);
        if (!(sigma[0] > 0 && sigma[1] > 0)) {
            return null;
        }
        double[][] whitened = new double[wh.length][];
        for (int i = 0; i < wh.length; i++) {
            whitened[i] = new double[] {wh[i][0] / sigma[0], wh[i][1] / sigma[1]};
        }
        double[][] k = VqKMeans.kmeans(whitened, n, KMEANS_ITER, VqKMeans.DEFAULT_THRESH, rng).codebook();
        if (k.length != n) {
            return null;
        }
        for (double[] a : k) {
            a[0] *= sigma[0];
            a[1] *= sigma[1];
        }
        return k;
    }

    /** numpy's {@code std(0)}: population standard deviation of each column, summed row by row as numpy does along axis 0. */
    private static double[] std(double[][] wh) {
        double[] sigma = new double[2];
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (double[] row : wh) {
                mean += row[j];
            }
            mean /= wh.length;
            double var = 0;
            for (double[] row : wh) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            sigma[j] = Math.sqrt(var / wh.length);
        }
        return sigma;
    }

    /** The original's fallback: 2n sorted uniforms, paired into anchors, times imgSize. */
    private static double[][] randomAnchors(int n, int imgSize, NumpyRandomState rng) {
        double[] v = new double[2 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.randomSample();
        }
        Arrays.sort(v);
        double[][] k = new double[n][];
        for (int i = 0; i < n; i++) {
            k[i] = new double[] {v[2 * i] * imgSize, v[2 * i + 1] * imgSize};
        }
        return k;
    }

    static double[][] sortByArea(double[][] anchors) {
        double[][] sorted = DoubleArrays.copy(anchors);
        Arrays.sort(sorted, Comparator.comparingDouble(a -> a[0] * a[1]));
        return sorted;
    }

    /** Label sizes as the original's float32 tensors hold them. */
    static float[][] toFloat32(double[][] wh) {
        float[][] out = new float[wh.length][];
        for (int i = 0; i < wh.length; i++) {
            out[i] = new float[] {(float) wh[i][0], (float) wh[i][1]};
        }
        return out;
    }

    /**
     * The original's print_results over all labels, tiny ones included: float32 labels against
     * float64 anchors, the shares as float32 means.
     */
    private static String summary(double[][] anchors, float[][] labelWh, int imgSize, double anchorT) {
        double thr = AnchorRatio.threshold(anchorT, Precision.FLOAT64);
        double sumX = 0;
        double sumBest = 0;
        double sumPast = 0;
        int past = 0;
        float[] recalled = new float[labelWh.length];
        float[] above = new float[labelWh.length * anchors.length];
        for (int i = 0; i < labelWh.length; i++) {
            double best = 0;
            for (int a = 0; a < anchors.length; a++) {
                double x = AnchorRatio.of(labelWh[i][0], labelWh[i][1], anchors[a][0], anchors[a][1], Precision.FLOAT64);
                sumX += x;
                best = Math.max(best, x);
                if (x > thr) {
                    sumPast += x;
                    past++;
                    above[i * anchors.length + a] = 1;
                }
            }
            sumBest += best;
            recalled[i] = best > thr ? 1 : 0;
        }
        int labels = labelWh.length;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "AutoAnchor: thr=%.2f: %.4f best possible recall, %.2f anchors past thr%n"
                        + "AutoAnchor: n=%d, img_size=%d, metric_all=%.3f/%.3f-mean/best, past_thr=%.3f-mean: ",
                thr, TorchSum.mean(recalled), TorchSum.mean(above) * (float) anchors.length, anchors.length, imgSize,
                sumX / (labels * anchors.length), sumBest / labels, sumPast / past));
        for (int i = 0; i < anchors.length; i++) {
            s.append(i == 0 ? "" : ", ").append((long) Math.rint(anchors[i][0])).append(',')
                    .append((long) Math.rint(anchors[i][1]));
        }
        return s.toString();
    }
}
