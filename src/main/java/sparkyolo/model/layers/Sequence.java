package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;
import sparkyolo.model.GraphWriter;

/** A module repeated {@code number} times in a model YAML row (an nn.Sequential in the original). */
public final class Sequence implements Layer {
    private final List<Layer> layers;

    public Sequence(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        NDArray x = inputs.get(0);
        for (Layer l : layers) {
            x = l.forward(List.of(x), training);
        }
        return x;
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        String x = inputs.get(0);
        for (Layer l : layers) {
            x = l.trace(graph, List.of(x));
        }
        return x;
    }

    @Override
    public void fuse() {
        layers.forEach(Layer::fuse);
    }
}
