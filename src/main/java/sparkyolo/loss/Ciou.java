package sparkyolo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import sparkyolo.engine.ScalarOps;

/** Complete IoU of paired boxes (the original's {@code bbox_iou(..., CIoU=True)}, eps 1e-7). */
final class Ciou {
    private static final float EPS = 1e-7f;

    private Ciou() {
    }

    /**
     * CIoU of row k of {@code pred} with row k of {@code target}, both {@code (n, 4)} xywh; shape
     * {@code (n,)}. The aspect weight alpha is a constant for gradients (computed under no_grad in
     * the original).
     */
    static NDArray of(NDArray pred, NDArray target) {
        NDArray x1 = column(pred, 0);
        NDArray y1 = column(pred, 1);
        NDArray w1 = column(pred, 2);
        NDArray h1 = column(pred, 3);
        NDArray x2 = column(target, 0);
        NDArray y2 = column(target, 1);
        NDArray w2 = column(target, 2);
        NDArray h2 = column(target, 3);
        NDArray halfW1 = ScalarOps.div(w1, 2f);
        NDArray halfH1 = ScalarOps.div(h1, 2f);
        NDArray halfW2 = ScalarOps.div(w2, 2f);
        NDArray halfH2 = ScalarOps.div(h2, 2f);
        NDArray b1x1 = x1.sub(halfW1);
        NDArray b1x2 = x1.add(halfW1);
        NDArray b1y1 = y1.sub(halfH1);
        NDArray b1y2 = y1.add(halfH1);
        NDArray b2x1 = x2.sub(halfW2);
        NDArray b2x2 = x2.add(halfW2);
        NDArray b2y1 = y2.sub(halfH2);
        NDArray b2y2 = y2.add(halfH2);

        NDArray inter = clampMin0(b1x2.minimum(b2x2).sub(b1x1.maximum(b2x1)))
                .mul(clampMin0(b1y2.minimum(b2y2).sub(b1y1.maximum(b2y1))));
        NDArray union = ScalarOps.add(w1.mul(h1).add(w2.mul(h2)).sub(inter), EPS);
        NDArray iou = inter.div(union);

        NDArray cw = b1x2.maximum(b2x2).sub(b1x1.minimum(b2x1));
        NDArray ch = b1y2.maximum(b2y2).sub(b1y1.minimum(b2y1));
        NDArray c2 = ScalarOps.add(squared(cw).add(squared(ch)), EPS);
        NDArray rho2 = ScalarOps.div(squared(b2x1.add(b2x2).sub(b1x1).sub(b1x2))
                .add(squared(b2y1.add(b2y2).sub(b1y1).sub(b1y2))), 4f);
        NDArray v = ScalarOps.mul(squared(aspectAngle(w2, h2).sub(aspectAngle(w1, h1))),
                (float) (4 / (Math.PI * Math.PI)));
        NDArray alpha = alpha(v.stopGradient(), iou.stopGradient());
        return iou.sub(rho2.div(c2).add(v.mul(alpha)));
    }

    private static NDArray alpha(NDArray v, NDArray iou) {
        return v.div(ScalarOps.add(v.sub(iou), (float) (1 + 1e-7)));
    }

    /** {@code atan(w / (h + eps))}. */
    private static NDArray aspectAngle(NDArray w, NDArray h) {
        return w.div(ScalarOps.add(h, EPS)).atan();
    }

    private static NDArray squared(NDArray x) {
        return ScalarOps.pow(x, 2f);
    }

    private static NDArray column(NDArray boxes, int k) {
        return boxes.get(new NDIndex(":, {}", k));
    }

    /** clamp(min=0): unlike maximum(0), passes the whole gradient at exactly 0 as torch's clamp. */
    private static NDArray clampMin0(NDArray x) {
        return x.clip(0f, Float.MAX_VALUE);
    }
}
