package sparkyolo.eval;

import java.util.TreeMap;
import sparkyolo.util.NumpySum;

/**
 * Per-class average precision and the P/R/F1 operating point of YOLOv5's validation (the
 * original's ap_per_class and compute_ap), reproduced in float64 with numpy's orderings: the
 * confidence sort uses {@link NumpyArgsort} (its tie order changes cumulative TP/FP), curves use
 * np.interp semantics, AP is the 101-point trapezoid rule.
 */
public final class ApPerClass {
    private static final double EPS = 1e-16;
    private static final int CURVE_POINTS = 1000;
    private static final int AP_POINTS = 101;
    /** Box filter width, as a fraction of the curve length, for picking the best-F1 confidence. */
    private static final double SMOOTH_FRACTION = 0.1;

    private ApPerClass() {
    }

    /**
     * @param tp        [prediction][IoU threshold] true-positive flags (e.g. from {@link DetectionMatcher});
     *                  with no predictions, AP has one column per {@link DetectionMatcher#IOU_THRESHOLDS}
     * @param conf      prediction confidences
     * @param predCls   predicted classes
     * @param targetCls classes of all ground-truth boxes
     */
    public static ApResult compute(boolean[][] tp, double[] conf, int[] predCls, int[] targetCls) {
        int n = conf.length;
        if (tp.length != n || predCls.length != n) {
            throw new IllegalArgumentException("tp, conf and predCls must have the same length, got "
                    + tp.length + ", " + n + ", " + predCls.length);
        }
        int niou = n == 0 ? DetectionMatcher.IOU_THRESHOLDS.length : tp[0].length;
        int[] order = NumpyArgsort.argsortOfNegated(conf);

        TreeMap<Integer, Integer> labelCounts = new TreeMap<>();
        for (int c : targetCls) {
            labelCounts.merge(c, 1, Integer::sum);
        }
        int nc = labelCounts.size();
        int[] classes = new int[nc];
        int[] nt = new int[nc];
        int ci = 0;
        for (var e : labelCounts.entrySet()) {
            classes[ci] = e.getKey();
            nt[ci++] = e.getValue();
        }

        double[] px = linspace(CURVE_POINTS);
        double[] negPx = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            negPx[i] = -px[i];
        }
        double[][] ap = new double[nc][niou];
        double[][] p = new double[nc][CURVE_POINTS];
        double[][] r = new double[nc][CURVE_POINTS];
        double[][] pr = new double[nc][];
        for (ci = 0; ci < nc; ci++) {
            int[] idx = predictionsOfClass(order, predCls, classes[ci]);
            if (idx.length == 0) {
                continue;
            }
            double[] negConf = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                negConf[k] = -conf[idx[k]];
            }
            double[][] recall = new double[niou][idx.length];
            double[][] precision = new double[niou][idx.length];
            for (int j = 0; j < niou; j++) {
                long tpc = 0;
                for (int k = 0; k < idx.length; k++) {
                    if (tp[idx[k]][j]) {
                        tpc++;
                    }
                    long fpc = k + 1 - tpc;
                    recall[j][k] = tpc / (nt[ci] + EPS);
                    precision[j][k] = (double) tpc / (tpc + fpc);
                }
            }
            r[ci] = NumpyInterp.interp(negPx, negConf, recall[0], 0.0, recall[0][idx.length - 1]);
            p[ci] = NumpyInterp.interp(negPx, negConf, precision[0], 1.0, precision[0][idx.length - 1]);
            for (int j = 0; j < niou; j++) {
                double[][] envelope = precisionEnvelope(recall[j], precision[j]);
                ap[ci][j] = areaUnder(envelope[0], envelope[1]);
                if (j == 0) {
                    pr[ci] = NumpyInterp.interp(px, envelope[0], envelope[1]);
                }
            }
        }

        double[][] f1 = new double[nc][CURVE_POINTS];
        double[] meanF1 = new double[CURVE_POINTS];
        for (ci = 0; ci < nc; ci++) {
            for (int i = 0; i < CURVE_POINTS; i++) {
                f1[ci][i] = 2 * p[ci][i] * r[ci][i] / (p[ci][i] + r[ci][i] + EPS);
                meanF1[i] += f1[ci][i];
            }
        }
        for (int i = 0; i < CURVE_POINTS; i++) {
            meanF1[i] /= nc;
        }
        int best = argmax(smooth(meanF1, SMOOTH_FRACTION));

        double[] bestP = new double[nc];
        double[] bestR = new double[nc];
        double[] bestF1 = new double[nc];
        double[] tpOut = new double[nc];
        double[] fpOut = new double[nc];
        for (ci = 0; ci < nc; ci++) {
            bestP[ci] = p[ci][best];
            bestR[ci] = r[ci][best];
            bestF1[ci] = f1[ci][best];
            tpOut[ci] = Math.rint(bestR[ci] * nt[ci]);
            fpOut[ci] = Math.rint(tpOut[ci] / (bestP[ci] + EPS) - tpOut[ci]);
        }
        return new ApResult(classes, tpOut, fpOut, bestP, bestR, bestF1, ap, px, p, r, f1, pr, best);
    }

    /** Indices of the predictions of class {@code c}, in the confidence order given by {@code order}. */
    private static int[] predictionsOfClass(int[] order, int[] predCls, int c) {
        int count = 0;
        for (int i : order) {
            if (predCls[i] == c) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i : order) {
            if (predCls[i] == c) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * compute_ap's curve: recall with sentinels 0 and 1, precision with sentinels 1 and 0 made
     * non-increasing (running maximum from the right). Returns {mrec, mpre}.
     */
    private static double[][] precisionEnvelope(double[] recall, double[] precision) {
        int m = recall.length + 2;
        double[] mrec = new double[m];
        double[] mpre = new double[m];
        mrec[0] = 0.0;
        mpre[0] = 1.0;
        System.arraycopy(recall, 0, mrec, 1, recall.length);
        System.arraycopy(precision, 0, mpre, 1, precision.length);
        mrec[m - 1] = 1.0;
        mpre[m - 1] = 0.0;
        for (int i = m - 2; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        return new double[][] {mrec, mpre};
    }

    /** 101-point interpolated AP: np.trapz of the envelope sampled at recall linspace(0, 1, 101). */
    private static double areaUnder(double[] mrec, double[] mpre) {
        double[] x = linspace(AP_POINTS);
        double[] y = NumpyInterp.interp(x, mrec, mpre);
        double[] terms = new double[AP_POINTS - 1];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        }
        return NumpySum.sum(terms);
    }

    /**
     * The original's smooth(): a centred box filter of {@code round(len * 2f) // 2 + 1} taps over
     * the curve padded with its end values.
     */
    private static double[] smooth(double[] y, double fraction) {
        int taps = (int) Math.rint(y.length * fraction * 2) / 2 + 1;
        int pad = taps / 2;
        double[] padded = new double[y.length + 2 * pad];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = y[Math.min(Math.max(i - pad, 0), y.length - 1)];
        }
        double w = 1.0 / taps;
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            double s = 0.0;
            for (int k = 0; k < taps; k++) {
                s += padded[i + k] * w;
            }
            out[i] = s;
        }
        return out;
    }

    /** First index of the maximum (np.argmax; NaN counts as the maximum). */
    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                return i;
            }
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** np.linspace(0, 1, num): i * (1 / (num - 1)), with the end point exactly 1. */
    private static double[] linspace(int num) {
        double step = 1.0 / (num - 1);
        double[] out = new double[num];
        for (int i = 0; i < num; i++) {
            out[i] = i * step;
        }
        out[num - 1] = 1.0;
        return out;
    }
}
