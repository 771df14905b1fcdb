package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;
import sparkyolo.model.GraphWriter;

/** One layer of the YOLOv5 graph; {@code inputs} are the outputs of its {@code from} layers. */
public interface Layer {
    NDArray forward(List<NDArray> inputs, boolean training);

    /**
     * Writes this layer's inference operations (of the fused model) to {@code graph}.
     *
     * @param inputs the graph names of the inputs
     * @return the graph name of the output
     */
    String trace(GraphWriter graph, List<String> inputs);

    /** Folds BatchNorm into the preceding convolutions for inference (no-op where none). */
    default void fuse() {
    }
}
