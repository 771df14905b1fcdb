package sparkyolo.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/**
 * Weights with everything needed to use them: the model config, the class names and the
 * provenance; optionally training state (see docs/checkpoint.md). Stored as an {@code .npz}
 * whose arrays carry Ultralytics state_dict names (so numpy reads them) plus a JSON member.
 */
public final class Checkpoint {
    /** The JSON member that marks a SparkYOLO checkpoint. */
    public static final String META_MEMBER = "sparkyolo.json";
    public static final String FORMAT = "sparkyolo-checkpoint";
    public static final int FORMAT_VERSION = 1;
    /** Prefix of arrays that hold training state rather than model weights. */
    public static final String TRAINING_PREFIX = "train/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelSpec spec;
    private final List<String> names;
    private final LinkedHashMap<String, NpyArray> stateDict;
    private final Map<String, Object> provenance;
    private final Map<String, Object> training;
    private final LinkedHashMap<String, NpyArray> trainingArrays;

    public Checkpoint(ModelSpec spec, List<String> names, Map<String, NpyArray> stateDict,
            Map<String, Object> provenance, Map<String, Object> training, Map<String, NpyArray> trainingArrays) {
        if (names.size() != spec.nc()) {
            throw new IllegalArgumentException(names.size() + " class names for a model with nc=" + spec.nc());
        }
        this.spec = spec;
        this.names = List.copyOf(names);
        this.stateDict = new LinkedHashMap<>(stateDict);
        this.provenance = new LinkedHashMap<>(provenance);
        this.training = training == null ? Map.of() : new LinkedHashMap<>(training);
        this.trainingArrays = trainingArrays == null ? new LinkedHashMap<>() : new LinkedHashMap<>(trainingArrays);
    }

    public static Checkpoint of(ModelSpec spec, List<String> names, Map<String, NpyArray> stateDict,
            Map<String, Object> provenance) {
        return new Checkpoint(spec, names, stateDict, provenance, null, null);
    }

    /** Class names {@code class0 .. class<nc-1>} for weights that carry none. */
    public static List<String> defaultNames(int nc) {
        List<String> names = new ArrayList<>(nc);
        for (int i = 0; i < nc; i++) {
            names.add("class" + i);
        }
        return names;
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<String> names() {
        return names;
    }

    public Map<String, NpyArray> stateDict() {
        return java.util.Collections.unmodifiableMap(stateDict);
    }

    public Map<String, Object> provenance() {
        return java.util.Collections.unmodifiableMap(provenance);
    }

    public Map<String, Object> training() {
        return java.util.Collections.unmodifiableMap(training);
    }

    public Map<String, NpyArray> trainingArrays() {
        return java.util.Collections.unmodifiableMap(trainingArrays);
    }

    /** A new model with these weights. */
    public YoloNetwork newModel() {
        YoloNetwork model = YoloNetwork.build(spec, 0);
        try {
            model.parameters().load(stateDict, String.valueOf(provenance.getOrDefault("source", "checkpoint")));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public byte[] toBytes() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("model", spec.asMap());
        meta.put("names", names);
        meta.put("provenance", provenance);
        if (!training.isEmpty()) {
            meta.put("training", training);
        }
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>(stateDict);
        trainingArrays.forEach((k, v) -> arrays.put(TRAINING_PREFIX + k, v));
        return Npz.toBytes(arrays, Map.of(META_MEMBER, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta)));
    }

    /** Reads a checkpoint from the members of its npz archive. */
    @SuppressWarnings("unchecked")
    static Checkpoint fromMembers(Map<String, byte[]> members, String source) throws IOException {
        Map<String, Object> meta = JSON.readValue(new String(members.get(META_MEMBER), StandardCharsets.UTF_8), Map.class);
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(source + ": " + META_MEMBER + " does not describe a " + FORMAT);
        }
        Object version = meta.get("format_version");
        if (!(version instanceof Number n) || n.intValue() > FORMAT_VERSION) {
            throw new IOException(source + ": checkpoint format version " + version
                    + " is newer than this SparkYOLO reads (" + FORMAT_VERSION + ")");
        }
        if (!(meta.get("model") instanceof Map<?, ?> model) || !(meta.get("names") instanceof List<?> names)) {
            throw new IOException(source + ": " + META_MEMBER + " lacks 'model' or 'names'");
        }
        ModelSpec spec = ModelSpec.fromMap((Map<String, Object>) model, source + " (model)");
        LinkedHashMap<String, NpyArray> weights = new LinkedHashMap<>();
        LinkedHashMap<String, NpyArray> train = new LinkedHashMap<>();
        Npz.arrays(members, source).forEach((k, v) -> {
            if (k.startsWith(TRAINING_PREFIX)) {
                train.put(k.substring(TRAINING_PREFIX.length()), v);
            } else {
                weights.put(k, v);
            }
        });
        Map<String, Object> provenance = (Map<String, Object>) meta.getOrDefault("provenance", Map.of());
        Map<String, Object> training = (Map<String, Object>) meta.get("training");
        return new Checkpoint(spec, names.stream().map(String::valueOf).toList(), weights, provenance, training, train);
    }
}
