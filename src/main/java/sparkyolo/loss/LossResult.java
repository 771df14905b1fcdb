package sparkyolo.loss;

import ai.djl.ndarray.NDArray;

/**
 * One evaluation of the loss.
 *
 * @param total the value to backpropagate, {@code (box + obj + cls) * batch size}, attached to
 *              autograd when the predictions were recorded
 * @param box   the gained box (CIoU) loss, detached
 * @param obj   the gained objectness loss, detached
 * @param cls   the gained class loss, detached
 */
public record LossResult(NDArray total, float box, float obj, float cls) {

    /** {@code [box, obj, cls]}, the original's loss_items. */
    public float[] items() {
        return new float[] {box, obj, cls};
    }
}
