package sparkyolo.engine;

/**
 * What runs inference: libtorch through DJL (the model as trained), or ONNX Runtime on the ONNX
 * graph of the same fused weights, built in memory. Training always runs on libtorch.
 */
public enum InferenceEngine {
    pytorch,
    onnxruntime;

    /** The engine used when none is named (the faster one on CPU, see README's benchmark). */
    public static final String DEFAULT_NAME = "pytorch";

    public static InferenceEngine defaultEngine() {
        return valueOf(DEFAULT_NAME);
    }

    /** Parses a name as given in a Spark ML Param or on the command line, naming the choices if it is not one. */
    public static InferenceEngine parse(String name) {
        for (InferenceEngine e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown inference engine '" + name + "' (pytorch or onnxruntime)");
    }
}
