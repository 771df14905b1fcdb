package sparkyolo.ml;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/**
 * The weights of a {@link YoloModel}: a SparkYOLO checkpoint's bytes (what executors receive) and
 * what the driver needs to know of them.
 *
 * @param stride the model's largest stride (inference sizes are multiples of it)
 */
record ModelWeights(byte[] checkpoint, List<String> names, int stride) implements Serializable {
    static ModelWeights of(Checkpoint c) throws IOException {
        // Building the model once here also fails early, with a clear message, on weights that do not fit.
        try (sparkyolo.model.YoloNetwork model = c.newModel()) {
            return new ModelWeights(c.toBytes(), List.copyOf(c.names()), model.maxStride());
        }
    }

    static ModelWeights fromBytes(byte[] bytes, String name) throws IOException {
        return of(Weights.fromBytes(bytes, name));
    }
}
