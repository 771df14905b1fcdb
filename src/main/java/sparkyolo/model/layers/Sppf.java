package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Random;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.Ops;
import sparkyolo.model.ParameterStore;

/** Ultralytics {@code SPPF}: three chained k×k max pools concatenated (equivalent to SPP(5, 9, 13) for k=5). */
public final class Sppf implements Layer {
    private final ConvBlock cv1;
    private final ConvBlock cv2;
    private final int k;

    public Sppf(ParameterStore store, String prefix, int c1, int c2, int k, Random random) {
        int hidden = c1 / 2;
        cv1 = new ConvBlock(store, prefix + "cv1.", c1, hidden, 1, 1, -1, 1, random);
        cv2 = new ConvBlock(store, prefix + "cv2.", hidden * 4, c2, 1, 1, -1, 1, random);
        this.k = k;
    }

    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        NDArray x = cv1.forward(inputs.get(0), training);
        NDArray y1 = Ops.maxPool(x, k, 1, k / 2);
        NDArray y2 = Ops.maxPool(y1, k, 1, k / 2);
        NDArray y3 = Ops.maxPool(y2, k, 1, k / 2);
        return cv2.forward(Ops.concatChannels(new NDList(x, y1, y2, y3)), training);
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        String x = cv1.trace(graph, inputs.get(0));
        String y1 = graph.maxPool(x, k, 1, k / 2);
        String y2 = graph.maxPool(y1, k, 1, k / 2);
        String y3 = graph.maxPool(y2, k, 1, k / 2);
        return cv2.trace(graph, graph.concatChannels(List.of(x, y1, y2, y3)));
    }

    @Override
    public void fuse() {
        cv1.fuse();
        cv2.fuse();
    }
}
