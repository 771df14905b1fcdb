package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.Ops;

/** {@code nn.Upsample(None, factor, 'nearest')}. */
public final class Upsample implements Layer {
    private final int factor;

    public Upsample(int factor) {
        this.factor = factor;
    }

    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        return Ops.upsampleNearest(inputs.get(0), factor);
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        return graph.upsampleNearest(inputs.get(0), factor);
    }
}
