package sparkyolo.engine;

/**
 * What runs inference: libtorch through DJL (the model as trained), or ONNX Runtime (CPU) on the
 * ONNX graph of the same fused weights, built in memory. {@code auto} takes ONNX Runtime on CPU,
 * where it was measured about twice as fast (README's benchmark), and libtorch where libtorch sees
 * a GPU; it is resolved where the network is built (on the executor). Training always runs on libtorch.
 */
public enum InferenceEngine {
    auto,
    pytorch,
    onnxruntime;

    /** The engine used when none is named. */
    public static final String DEFAULT_NAME = "auto";

    /** The engine that runs here: {@code auto} resolved by the device libtorch uses. */
    public InferenceEngine resolved() {
        if (this != auto) {
            return this;
        }
        return Engines.pytorch().defaultDevice().isGpu() ? pytorch : onnxruntime;
    }
}
