package sparkyolo.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.util.NpyArray;

/**
 * What a YOLOv5 {@code .pt} checkpoint holds, as plain data: the model's state dict, its yaml
 * definition, the class names and the other plain top-level entries (epoch, date, ...).
 */
public final class TorchCheckpoint {
    private final String name;
    private final String modelClass;
    private final LinkedHashMap<String, NpyArray> stateDict;
    private final Map<String, Object> yaml;
    private final List<String> names;
    private final Map<String, Object> metadata;

    TorchCheckpoint(String name, String modelClass, LinkedHashMap<String, NpyArray> stateDict,
            Map<String, Object> yaml, List<String> names, Map<String, Object> metadata) {
        this.name = name;
        this.modelClass = modelClass;
        this.stateDict = stateDict;
        this.yaml = Collections.unmodifiableMap(yaml);
        this.names = List.copyOf(names);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** The display name the checkpoint was read under. */
    public String name() {
        return name;
    }

    /** Python class of the model, e.g. {@code models.yolo.Model}. */
    public String modelClass() {
        return modelClass;
    }

    /**
     * {@code model.state_dict()}: PyTorch key names and order; floating tensors as float32
     * ({@code f4}), integer buffers such as {@code num_batches_tracked} as stored ({@code i8}).
     * A fresh copy of the map on each call.
     */
    public LinkedHashMap<String, NpyArray> stateDict() {
        return new LinkedHashMap<>(stateDict);
    }

    /**
     * The model definition ({@code model.yaml}): Map / List / Long / Double / String / Boolean /
     * null values; empty when the model has none.
     */
    public Map<String, Object> yaml() {
        return yaml;
    }

    /** Class names by class index; empty when the model has none. */
    public List<String> names() {
        return names;
    }

    /**
     * The top-level checkpoint entries other than {@code model} and {@code ema} whose values are
     * plain data (epoch, best_fitness, date, ...), in checkpoint order. Values may be null (None).
     */
    public Map<String, Object> metadata() {
        return metadata;
    }
}
