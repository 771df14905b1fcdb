package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.Ops;

/** Ultralytics {@code Concat} along the channel dimension. */
public final class Concat implements Layer {
    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        return Ops.concatChannels(new NDList(inputs));
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        return graph.concatChannels(inputs);
    }
}
