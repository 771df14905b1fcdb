package sparkyolo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import sparkyolo.engine.ScalarOps;

/**
 * Mean binary cross-entropy on logits with a positive-class weight (torch's
 * {@code BCEWithLogitsLoss(pos_weight)}), optionally wrapped in the original's {@code FocalLoss}
 * (TensorFlow-style: alpha 0.25 and modulating factor {@code (1 - p_t)^gamma}).
 */
final class BceWithLogits {
    /** The original's FocalLoss default alpha (weight of the positive class). */
    static final double FOCAL_ALPHA = 0.25;

    private final double posWeight;
    private final double focalGamma;

    /** @param focalGamma 0 for plain BCE */
    BceWithLogits(double posWeight, double focalGamma) {
        this.posWeight = posWeight;
        this.focalGamma = focalGamma;
    }

    /** Mean loss of {@code logits} against {@code target} (same shape, values in [0, 1], no gradient). */
    NDArray mean(NDArray logits, NDArray target) {
        NDArray loss = elementwise(logits, target);
        if (focalGamma > 0) {
            loss = loss.mul(focalFactor(logits, target));
        }
        return loss.mean();
    }

    /**
     * torch's stable form: {@code (1 - t) x + w (m + log(exp(-m) + exp(-x - m)))} with
     * {@code m = max(-x, 0)} and {@code w = (pos_weight - 1) t + 1}.
     */
    private NDArray elementwise(NDArray x, NDArray t) {
        NDArray m = ScalarOps.maximum(x.neg(), 0f);
        NDArray logWeight = ScalarOps.add(ScalarOps.mul(t, (float) (posWeight - 1)), 1f);
        NDArray logTerm = m.neg().exp().add(x.neg().sub(m).exp()).log().add(m);
        return ScalarOps.subFrom(1f, t).mul(x).add(logWeight.mul(logTerm));
    }

    /** {@code alpha_t * (1 - p_t)^gamma}, differentiable through {@code p_t}. */
    private NDArray focalFactor(NDArray x, NDArray t) {
        NDArray p = Activation.sigmoid(x);
        NDArray notT = ScalarOps.subFrom(1f, t);
        NDArray pt = t.mul(p).add(notT.mul(ScalarOps.subFrom(1f, p)));
        NDArray alpha = ScalarOps.mul(t, (float) FOCAL_ALPHA).add(ScalarOps.mul(notT, (float) (1 - FOCAL_ALPHA)));
        return alpha.mul(ScalarOps.pow(ScalarOps.subFrom(1f, pt), (float) focalGamma));
    }
}
