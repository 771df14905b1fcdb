package sparkyolo.hyp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.io.HadoopFiles;

/**
 * Training hyperparameters in the original's hyp YAML format (lr0, lrf, momentum, ..., mosaic,
 * mixup). Every key of the original is required and range-checked; a value is read with
 * {@link #get(String)} or the typed accessors.
 */
public final class Hyp implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The keys of the original's hyp files with their allowed ranges [min, max]. */
    private static final Map<String, double[]> RANGES = ranges();

    private final LinkedHashMap<String, Double> values;
    private final String source;

    private Hyp(LinkedHashMap<String, Double> values, String source) {
        this.values = values;
        this.source = source;
    }

    private static Map<String, double[]> ranges() {
        Map<String, double[]> r = new LinkedHashMap<>();
        r.put("lr0", new double[] {0, 1});
        r.put("lrf", new double[] {0, 1});
        r.put("momentum", new double[] {0, 1});
        r.put("weight_decay", new double[] {0, 1});
        r.put("warmup_epochs", new double[] {0, 1000});
        r.put("warmup_momentum", new double[] {0, 1});
        r.put("warmup_bias_lr", new double[] {0, 1});
        r.put("box", new double[] {0, 100});
        r.put("cls", new double[] {0, 100});
        r.put("cls_pw", new double[] {0, 100});
        r.put("obj", new double[] {0, 100});
        r.put("obj_pw", new double[] {0, 100});
        r.put("iou_t", new double[] {0, 1});
        r.put("anchor_t", new double[] {1, 100});
        r.put("fl_gamma", new double[] {0, 10});
        r.put("hsv_h", new double[] {0, 1});
        r.put("hsv_s", new double[] {0, 1});
        r.put("hsv_v", new double[] {0, 1});
        r.put("degrees", new double[] {0, 180});
        r.put("translate", new double[] {0, 0.9});
        r.put("scale", new double[] {0, 0.99});
        r.put("shear", new double[] {0, 90});
        r.put("perspective", new double[] {0, 0.01});
        r.put("flipud", new double[] {0, 1});
        r.put("fliplr", new double[] {0, 1});
        r.put("mosaic", new double[] {0, 1});
        r.put("mixup", new double[] {0, 1});
        r.put("copy_paste", new double[] {0, 1});
        return Collections.unmodifiableMap(r);
    }

    /** Reads a hyp YAML from a file (any Hadoop FS path) or a bundled one by name (hyp.scratch-low.yaml). */
    public static Hyp load(HadoopFiles files, String pathOrName) throws IOException {
        if (files.exists(pathOrName)) {
            return parse(files.readString(pathOrName), pathOrName);
        }
        String name = pathOrName.endsWith(".yaml") ? HadoopFiles.fileName(pathOrName) : pathOrName + ".yaml";
        try (InputStream in = Hyp.class.getResourceAsStream("/hyps/" + name)) {
            if (in == null) {
                throw new IOException("hyperparameter file '" + pathOrName
                        + "' not found (neither a file nor a bundled hyp: hyp.scratch-low/med/high.yaml)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    /** The original's default (hyp.scratch-low.yaml). */
    public static Hyp defaults() {
        try {
            return load(HadoopFiles.local(), "hyp.scratch-low.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("bundled hyp.scratch-low.yaml missing", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Hyp parse(String yaml, String source) throws IOException {
        Map<String, Object> raw;
        try {
            raw = YAML.readValue(yaml, LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (raw == null) {
            throw new IOException(source + ": empty hyperparameter file");
        }
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!RANGES.containsKey(e.getKey())) {
                throw new IOException(source + ": unknown hyperparameter '" + e.getKey() + "'");
            }
            values.put(e.getKey(), checked(e.getKey(), e.getValue(), source));
        }
        List<String> missing = RANGES.keySet().stream().filter(k -> !values.containsKey(k) && !k.equals("copy_paste")).toList();
        if (!missing.isEmpty()) {
            throw new IOException(source + ": missing hyperparameters " + missing);
        }
        values.putIfAbsent("copy_paste", 0.0);
        return new Hyp(values, source);
    }

    private static double checked(String key, Object value, String source) throws IOException {
        if (!(value instanceof Number n)) {
            throw new IOException(source + ": hyperparameter '" + key + "' must be a number, got '" + value + "'");
        }
        double v = n.doubleValue();
        double[] range = RANGES.get(key);
        if (!(v >= range[0] && v <= range[1])) {
            throw new IOException(source + ": hyperparameter '" + key + "' = " + v + " is outside [" + range[0] + ", "
                    + range[1] + "]");
        }
        return v;
    }

    /** A copy with one value changed (validated). */
    public Hyp with(String key, double value) {
        if (!RANGES.containsKey(key)) {
            throw new IllegalArgumentException("unknown hyperparameter '" + key + "'");
        }
        try {
            LinkedHashMap<String, Double> copy = new LinkedHashMap<>(values);
            copy.put(key, checked(key, value, source));
            return new Hyp(copy, source);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown hyperparameter '" + key + "'");
        }
        return v;
    }

    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public String source() {
        return source;
    }

    public String toYaml() {
        try {
            return YAML.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
