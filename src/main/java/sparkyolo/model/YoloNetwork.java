package sparkyolo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import sparkyolo.engine.Engines;
import sparkyolo.model.layers.Detect;
import sparkyolo.model.layers.Layer;

/**
 * A YOLOv5 network built from a {@link ModelSpec}: the layer graph, its named tensors (with
 * Ultralytics state_dict names) and the Detect head. Not thread-safe: one model per task.
 */
public final class YoloNetwork implements AutoCloseable {
    private final ModelSpec spec;
    private final ParameterStore store;
    private final List<Layer> layers;
    private final List<int[]> from;
    private final Detect detect;
    private final int[] detectFrom;
    private boolean fused;

    YoloNetwork(ModelSpec spec, ParameterStore store, List<Layer> layers, List<int[]> from, Detect detect,
            int[] detectFrom) {
        this.spec = spec;
        this.store = store;
        this.layers = layers;
        this.from = from;
        this.detect = detect;
        this.detectFrom = detectFrom;
    }

    /** Builds a model with PyTorch's default initial weights drawn from {@code seed}. */
    public static YoloNetwork build(ModelSpec spec, long seed) {
        return build(spec, seed, Engines.pytorch().defaultDevice());
    }

    /** As {@link #build(ModelSpec, long)}, with the tensors on {@code device}. */
    public static YoloNetwork build(ModelSpec spec, long seed, ai.djl.Device device) {
        NDManager manager = Engines.pytorch().newBaseManager(device);
        return ModelBuilder.build(spec, new ParameterStore(manager), seed);
    }

    public ModelSpec spec() {
        return spec;
    }

    public ParameterStore parameters() {
        return store;
    }

    public Detect detect() {
        return detect;
    }

    public int nc() {
        return detect.nc();
    }

    /** The largest stride (input sizes must be multiples of it). */
    public int maxStride() {
        double max = 0;
        for (double s : detect.strides()) {
            max = Math.max(max, s);
        }
        return (int) max;
    }

    public NDManager manager() {
        return store.manager();
    }

    /**
     * Raw Detect outputs for an NCHW float batch (RGB, 0..1). In training mode BatchNorm uses
     * the batch statistics and updates its running buffers. Intermediate arrays belong to the
     * manager of {@code x}.
     */
    public NDList forward(NDArray x, boolean training) {
        List<NDArray> outputs = new ArrayList<>(layers.size());
        NDArray last = x;
        for (int i = 0; i < layers.size(); i++) {
            last = layers.get(i).forward(inputsOf(from.get(i), outputs, last), training);
            outputs.add(last);
        }
        return detect.forward(inputsOf(detectFrom, outputs, last));
    }

    private static List<NDArray> inputsOf(int[] sources, List<NDArray> outputs, NDArray previous) {
        List<NDArray> in = new ArrayList<>(sources.length);
        for (int f : sources) {
            in.add(f == -1 ? previous : outputs.get(f));
        }
        return in;
    }

    /** Eval-mode inference without autograd: decoded {@code (bs, N, 5 + nc)} predictions. */
    public NDArray predict(NDArray x) {
        return Engines.withoutGrad(() -> detect.decode(forward(x, false)));
    }

    /** Folds every BatchNorm into its convolution (inference only; the state dict keys change). */
    public void fuse() {
        if (!fused) {
            Engines.withoutGrad(() -> {
                layers.forEach(Layer::fuse);
                return null;
            });
            fused = true;
        }
    }

    public boolean isFused() {
        return fused;
    }

    @Override
    public void close() {
        store.close();
    }
}
