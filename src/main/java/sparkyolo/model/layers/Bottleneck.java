package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Random;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.ParameterStore;

/** Ultralytics {@code Bottleneck}: 1x1 Conv then 3x3 Conv, with a residual add when shapes allow. */
public final class Bottleneck implements Layer {
    private final ConvBlock cv1;
    private final ConvBlock cv2;
    private final boolean add;

    public Bottleneck(ParameterStore store, String prefix, int c1, int c2, boolean shortcut, int groups, double e,
            Random random) {
        int hidden = (int) (c2 * e);
        cv1 = new ConvBlock(store, prefix + "cv1.", c1, hidden, 1, 1, -1, 1, random);
        cv2 = new ConvBlock(store, prefix + "cv2.", hidden, c2, 3, 1, -1, groups, random);
        add = shortcut && c1 == c2;
    }

    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        return forward(inputs.get(0), training);
    }

    public NDArray forward(NDArray x, boolean training) {
        NDArray y = cv2.forward(cv1.forward(x, training), training);
        return add ? x.add(y) : y;
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        return trace(graph, inputs.get(0));
    }

    public String trace(GraphWriter graph, String x) {
        String y = cv2.trace(graph, cv1.trace(graph, x));
        return add ? graph.add(x, y) : y;
    }

    @Override
    public void fuse() {
        cv1.fuse();
        cv2.fuse();
    }
}
