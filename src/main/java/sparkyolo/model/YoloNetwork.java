package sparkyolo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sparkyolo.engine.Engines;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.model.layers.Detect;
import sparkyolo.model.layers.Layer;

/**
 * A YOLOv5 network built from a {@link ModelSpec}: the layer graph, its named tensors (with
 * Ultralytics state_dict names) and the Detect head. Not thread-safe: one model per task.
 */
public final class YoloNetwork implements InferenceNetwork {
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

    @Override
    public InferenceEngine engine() {
        return InferenceEngine.pytorch;
    }

    @Override
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

    /**
     * Writes the inference graph of this fused network (Detect's decoding included) to {@code graph}.
     *
     * @param input the graph name of the NCHW image input
     * @return the graph name of the decoded {@code (bs, N, 5 + nc)} output
     */
    public String trace(GraphWriter graph, String input) {
        List<String> outputs = new ArrayList<>(layers.size());
        String last = input;
        for (int i = 0; i < layers.size(); i++) {
            last = layers.get(i).trace(graph, inputsOf(from.get(i), outputs, last));
            outputs.add(last);
        }
        return detect.trace(graph, inputsOf(detectFrom, outputs, last));
    }

    private static <T> List<T> inputsOf(int[] sources, List<T> outputs, T previous) {
        List<T> in = new ArrayList<>(sources.length);
        for (int f : sources) {
            in.add(f == -1 ? previous : outputs.get(f));
        }
        return in;
    }

    /** Eval-mode inference without autograd: decoded {@code (bs, N, 5 + nc)} predictions. */
    public NDArray predict(NDArray x) {
        return Engines.withoutGrad(() -> detect.decode(forward(x, false)));
    }

    @Override
    public int rowLength() {
        return detect.nc() + 5;
    }

    /**
     * On CPU one image at a time is fastest: larger batches spend their time in page faults of big
     * libtorch allocations (coco128 val at 640 on 2 cores: 24.6 s with 16 images per pass, 14.2 s
     * with 4, 10.1 s with 1). On a GPU the whole batch goes at once.
     */
    @Override
    public int maxBatch() {
        return manager().getDevice().isGpu() ? Integer.MAX_VALUE : 1;
    }

    @Override
    public float[] predict(float[] pixels, int n, int height, int width) {
        try (NDManager m = manager().newSubManager()) {
            return predict(m.create(pixels, new Shape(n, 3, height, width))).toFloatArray();
        }
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
