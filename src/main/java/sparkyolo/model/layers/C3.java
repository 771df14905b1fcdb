package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.Ops;
import sparkyolo.model.ParameterStore;

/** Ultralytics {@code C3}: CSP bottleneck with 3 convolutions. */
public final class C3 implements Layer {
    private final ConvBlock cv1;
    private final ConvBlock cv2;
    private final ConvBlock cv3;
    private final List<Bottleneck> m = new ArrayList<>();

    public C3(ParameterStore store, String prefix, int c1, int c2, int n, boolean shortcut, int groups, Random random) {
        int hidden = (int) (c2 * 0.5);
        cv1 = new ConvBlock(store, prefix + "cv1.", c1, hidden, 1, 1, -1, 1, random);
        cv2 = new ConvBlock(store, prefix + "cv2.", c1, hidden, 1, 1, -1, 1, random);
        cv3 = new ConvBlock(store, prefix + "cv3.", 2 * hidden, c2, 1, 1, -1, 1, random);
        for (int i = 0; i < n; i++) {
            m.add(new Bottleneck(store, prefix + "m." + i + ".", hidden, hidden, shortcut, groups, 1.0, random));
        }
    }

    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        NDArray x = inputs.get(0);
        NDArray y = cv1.forward(x, training);
        for (Bottleneck b : m) {
            y = b.forward(y, training);
        }
        return cv3.forward(Ops.concatChannels(new NDList(y, cv2.forward(x, training))), training);
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        String x = inputs.get(0);
        String y = cv1.trace(graph, x);
        for (Bottleneck b : m) {
            y = b.trace(graph, y);
        }
        return cv3.trace(graph, graph.concatChannels(List.of(y, cv2.trace(graph, x))));
    }

    @Override
    public void fuse() {
        cv1.fuse();
        cv2.fuse();
        cv3.fuse();
        m.forEach(Bottleneck::fuse);
    }
}
