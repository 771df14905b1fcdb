package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.Ops;
import sparkyolo.model.ParameterStore;

/** Ultralytics {@code Conv}: Conv2d (no bias) + BatchNorm2d (eps 1e-3, momentum 0.03) + SiLU. */
public final class ConvBlock implements Layer {
    public static final double BN_EPS = 1e-3;
    public static final double BN_MOMENTUM = 0.03;

    private final ParameterStore store;
    private final String prefix;
    private final int stride;
    private final int pad;
    private final int groups;
    private boolean fused;

    /** @param pad the padding, or -1 for the original's autopad (k / 2) */
    public ConvBlock(ParameterStore store, String prefix, int c1, int c2, int k, int stride, int pad, int groups,
            Random random) {
        this.store = store;
        this.prefix = prefix;
        this.stride = stride;
        this.pad = pad < 0 ? k / 2 : pad;
        this.groups = groups;
        int fanIn = c1 / groups * k * k;
        store.parameter(prefix + "conv.weight", Init.uniformFanIn(random, c2 * fanIn, fanIn),
                new Shape(c2, c1 / groups, k, k));
        store.parameter(prefix + "bn.weight", Init.filled(c2, 1f), new Shape(c2));
        store.parameter(prefix + "bn.bias", Init.filled(c2, 0f), new Shape(c2));
        store.buffer(prefix + "bn.running_mean", Init.filled(c2, 0f), new Shape(c2));
        store.buffer(prefix + "bn.running_var", Init.filled(c2, 1f), new Shape(c2));
        store.longBuffer(prefix + "bn.num_batches_tracked", 0L);
    }

    @Override
    public NDArray forward(List<NDArray> inputs, boolean training) {
        return forward(inputs.get(0), training);
    }

    public NDArray forward(NDArray x, boolean training) {
        if (fused) {
            return Ops.silu(Ops.conv2d(x, store.get(prefix + "conv.weight"), store.get(prefix + "conv.bias"),
                    stride, pad, groups));
        }
        NDArray y = Ops.conv2d(x, store.get(prefix + "conv.weight"), null, stride, pad, groups);
        y = Ops.batchNorm(y, store.get(prefix + "bn.running_mean"), store.get(prefix + "bn.running_var"),
                store.get(prefix + "bn.weight"), store.get(prefix + "bn.bias"), training, BN_MOMENTUM, BN_EPS);
        if (training) {
            store.get(prefix + "bn.num_batches_tracked").addi(1);
        }
        return Ops.silu(y);
    }

    @Override
    public String trace(GraphWriter graph, List<String> inputs) {
        return trace(graph, inputs.get(0));
    }

    public String trace(GraphWriter graph, String x) {
        if (!fused) {
            throw new IllegalStateException(prefix + ": only a fused model (Conv+BN folded) is traced");
        }
        return graph.silu(graph.conv(x, store.get(prefix + "conv.weight"), store.get(prefix + "conv.bias"), stride, pad,
                groups));
    }

    /** Replaces conv + BN by one conv with bias: w' = w * g / sqrt(var + eps), b' = beta - mean * g / sqrt(var + eps). */
    @Override
    public void fuse() {
        if (fused) {
            return;
        }
        NDArray w = store.get(prefix + "conv.weight");
        NDArray scale = store.get(prefix + "bn.weight").div(store.get(prefix + "bn.running_var").add(BN_EPS).sqrt());
        NDArray fusedW = w.mul(scale.reshape(-1, 1, 1, 1));
        NDArray fusedB = store.get(prefix + "bn.bias").sub(store.get(prefix + "bn.running_mean").mul(scale));
        store.replace(prefix + "conv.weight", fusedW, true);
        store.replace(prefix + "conv.bias", fusedB, true);
        scale.close();
        for (String bn : new String[] {"weight", "bias", "running_mean", "running_var", "num_batches_tracked"}) {
            store.remove(prefix + "bn." + bn);
        }
        fused = true;
    }
}
