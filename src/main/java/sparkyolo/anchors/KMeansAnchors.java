package sparkyolo.anchors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * New anchors for a dataset, as the original's kmean_anchors (YOLOv5 v6.2) computes them: k-means
 * on the whitened label sizes, then a genetic evolution of the anchors' fitness.
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
    public static double[][] evolve(AnchorDataset data, int n, int imgSize, double anchorT, int generations, Random rng) {
        return evolve(data.pixelWh(imgSize), n, imgSize, anchorT, generations, rng);
    }

    /**
     * @param labelWh     label sizes in pixels at the training size, {@code [labels][2]}
     * @param n           number of anchors (nl * na)
     * @param imgSize     training size; scales the random start when k-means fails
     * @param anchorT     the hyp's anchor_t
     * @param generations evolution generations (the original uses 1000)
     * @return {@code [n][2]} anchors in pixels, sorted by area, small to large
     * @throws IllegalArgumentException when fewer than n labels are 2 pixels or more on a side
     */
    public static double[][] evolve(double[][] labelWh, int n, int imgSize, double anchorT, int generations,
            Random rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of anchors must be >= 1, got " + n);
        }
        double[][] wh = usableLabels(labelWh);
        if (wh.length < n) {
            throw new IllegalArgumentException("cannot fit " + n + " anchors to " + wh.length + " labels of "
                    + (int) MIN_LABEL + " pixels or more (of " + labelWh.length + " labels at img_size " + imgSize + ")");
        }
        LOG.info("AutoAnchor: Running kmeans for {} anchors on {} points...", n, wh.length);
        double[][] start = kmeans(wh, n, rng);
        if (start == null) {
            LOG.warn("AutoAnchor: WARNING: switching strategies from kmeans to random init");
            start = randomAnchors(n, imgSize, rng);
        }
        AnchorEvolution.Result evolved = AnchorEvolution.evolve(wh, sortByArea(start), anchorT, generations, rng);
        double[][] anchors = sortByArea(evolved.anchors());
        LOG.info("AutoAnchor: Evolved anchors for {} generations: fitness = {}", generations,
                String.format(Locale.ROOT, "%.4f", evolved.fitness()));
        LOG.info(summary(anchors, labelWh, imgSize, anchorT));
        return anchors;
    }

    /** Drops labels under 2 pixels on both sides, warning about those under 3 pixels on a side. */
    private static double[][] usableLabels(double[][] labelWh) {
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

    /**
     * scipy k-means on the labels divided by their standard deviation, scaled back; null where the
     * original falls back to a random start (a side of zero spread, or fewer than n centroids).
     */
    private static double[][] kmeans(double[][] wh, int n, Random rng) {
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

    /** Population standard deviation of each column (numpy's default). */
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
    private static double[][] randomAnchors(int n, int imgSize, Random rng) {
        double[] v = new double[2 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble();
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

    /** The original's print_results over all labels, tiny ones included. */
    private static String summary(double[][] anchors, double[][] labelWh, int imgSize, double anchorT) {
        double thr = 1 / anchorT;
        double sumX = 0;
        double sumBest = 0;
        double sumPast = 0;
        int past = 0;
        int recalled = 0;
        for (double[] wh : labelWh) {
            double best = 0;
            for (double[] a : anchors) {
                double x = AnchorRatio.of(wh[0], wh[1], a[0], a[1]);
                sumX += x;
                best = Math.max(best, x);
                if (x > thr) {
                    sumPast += x;
                    past++;
                }
            }
            sumBest += best;
            recalled += best > thr ? 1 : 0;
        }
        int labels = labelWh.length;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "AutoAnchor: thr=%.2f: %.4f best possible recall, %.2f anchors past thr%n"
                        + "AutoAnchor: n=%d, img_size=%d, metric_all=%.3f/%.3f-mean/best, past_thr=%.3f-mean: ",
                thr, (double) recalled / labels, (double) past / labels, anchors.length, imgSize,
                sumX / (labels * anchors.length), sumBest / labels, sumPast / past));
        for (int i = 0; i < anchors.length; i++) {
            s.append(i == 0 ? "" : ", ").append((long) Math.rint(anchors[i][0])).append(',')
                    .append((long) Math.rint(anchors[i][1]));
        }
        return s.toString();
    }
}
