package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** The training loss of raw Detect outputs against a batch's targets. */
@FunctionalInterface
public interface LossFunction {
    /** The loss to backpropagate and its detached items {@code [box, obj, cls]}. */
    record Output(NDArray total, float[] items) {
    }

    Output compute(NDList raw, float[][] targets);
}
