package sparkyolo.eval;

import sparkyolo.util.NumpySum;

/**
 * Output of {@link ApPerClass}: one entry per class that has ground truth ({@link #classes}), in
 * ascending class order, plus the curves behind them for plotting.
 *
 * @param classes         class ids with at least one ground-truth box
 * @param tp              true positives at the chosen confidence ({@code round(recall * labels)})
 * @param fp              false positives at the chosen confidence
 * @param precision       precision at the confidence maximizing the smoothed mean F1
 * @param recall          recall at that confidence
 * @param f1              F1 at that confidence
 * @param ap              average precision [class][IoU threshold 0.50, 0.55, .., 0.95]
 * @param px              the 1000 confidence values the curves are sampled at ({@code linspace(0, 1, 1000)})
 * @param precisionCurve  precision [class][px index] (1 left of the first prediction, 0 for classes
 *                        without predictions)
 * @param recallCurve     recall [class][px index]
 * @param f1Curve         F1 [class][px index]
 * @param prCurve         precision envelope at IoU 0.5 sampled at recall = px, [class][px index];
 *                        null for classes without predictions (the original plots only the others)
 * @param bestIndex       the px index the per-class precision, recall and F1 are taken at
 */
public record ApResult(int[] classes, double[] tp, double[] fp, double[] precision, double[] recall, double[] f1,
                       double[][] ap, double[] px, double[][] precisionCurve, double[][] recallCurve,
                       double[][] f1Curve, double[][] prCurve, int bestIndex) {

    /** AP at IoU 0.5 per class. */
    public double[] ap50() {
        double[] out = new double[ap.length];
        for (int c = 0; c < ap.length; c++) {
            out[c] = ap[c][0];
        }
        return out;
    }

    /** AP averaged over the IoU thresholds 0.50..0.95, per class. */
    public double[] ap50To95() {
        double[] out = new double[ap.length];
        for (int c = 0; c < ap.length; c++) {
            out[c] = NumpySum.mean(ap[c]);
        }
        return out;
    }

    /** Mean precision over classes (the "P" of the validation summary). */
    public double meanPrecision() {
        return NumpySum.mean(precision);
    }

    /** Mean recall over classes ("R"). */
    public double meanRecall() {
        return NumpySum.mean(recall);
    }

    /** mAP@0.5. */
    public double map50() {
        return NumpySum.mean(ap50());
    }

    /** mAP@0.5:0.95. */
    public double map50To95() {
        return NumpySum.mean(ap50To95());
    }
}
