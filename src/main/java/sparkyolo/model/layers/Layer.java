package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** One layer of the YOLOv5 graph; {@code inputs} are the outputs of its {@code from} layers. */
public interface Layer {
    NDArray forward(List<NDArray> inputs, boolean training);

    /** Folds BatchNorm into the preceding convolutions for inference (no-op where none). */
    default void fuse() {
    }
}
