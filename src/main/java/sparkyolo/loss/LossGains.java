package sparkyolo.loss;

import sparkyolo.hyp.Hyp;

/**
 * The loss hyperparameters: gains of the box, objectness and class terms, BCE positive weights,
 * the anchor matching threshold, focal loss gamma (0 = plain BCE) and class label smoothing.
 */
public record LossGains(double box, double obj, double cls, double clsPw, double objPw, double anchorT,
        double flGamma, double labelSmoothing) implements java.io.Serializable {

    /** The values exactly as in the hyp file, without label smoothing. */
    public static LossGains of(Hyp hyp) {
        return new LossGains(hyp.get("box"), hyp.get("obj"), hyp.get("cls"), hyp.get("cls_pw"), hyp.get("obj_pw"),
                hyp.get("anchor_t"), hyp.get("fl_gamma"), 0.0);
    }

    /**
     * The gains as the original's train.py rescales them for {@code nl} detection levels,
     * {@code nc} classes and square training images of {@code imgSize} pixels (same operation
     * order, in double).
     */
    public static LossGains scaled(Hyp hyp, int nl, int nc, int imgSize) {
        LossGains raw = of(hyp);
        double box = raw.box() * (3.0 / nl);
        double cls = raw.cls() * (nc / 80.0 * 3 / nl);
        double obj = raw.obj() * (Math.pow(imgSize / 640.0, 2) * 3 / nl);
        return new LossGains(box, obj, cls, raw.clsPw(), raw.objPw(), raw.anchorT(), raw.flGamma(), 0.0);
    }

    /** A copy with class label smoothing {@code eps} (targets 1 - eps/2 and eps/2). */
    public LossGains withLabelSmoothing(double eps) {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + eps);
        }
        return new LossGains(box, obj, cls, clsPw, objPw, anchorT, flGamma, eps);
    }
}
