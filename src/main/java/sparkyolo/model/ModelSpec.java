package sparkyolo.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YOLOv5 model definition in the Ultralytics model YAML format (nc, depth_multiple,
 * width_multiple, anchors, backbone, head). Keeps the original map so it can be written back.
 */
public final class ModelSpec {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Object> yaml;
    private final String source;
    private final int nc;
    private final double depthMultiple;
    private final double widthMultiple;
    private final double[][] anchors;
    private final List<LayerSpec> layers;

    private ModelSpec(Map<String, Object> yaml, String source) {
        this.yaml = yaml;
        this.source = source;
        this.nc = intField("nc");
        this.depthMultiple = numberField("depth_multiple");
        this.widthMultiple = numberField("width_multiple");
        this.anchors = parseAnchors(yaml.get("anchors"));
        this.layers = parseLayers();
    }

    /** Parses YAML text; {@code source} names the file in error messages. */
    public static ModelSpec fromYaml(String text, String source) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = YAML.readValue(text, LinkedHashMap.class);
            if (map == null) {
                throw new ModelSpecException(source + ": empty model YAML");
            }
            return new ModelSpec(map, source);
        } catch (IOException e) {
            throw new ModelSpecException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    public static ModelSpec fromMap(Map<String, Object> yaml, String source) {
        return new ModelSpec(new LinkedHashMap<>(yaml), source);
    }

    /**
     * Reads a model YAML from a file, or, when no such file exists, one bundled with SparkYOLO
     * by name ({@code yolov5s.yaml} or {@code yolov5s}).
     */
    public static ModelSpec load(String pathOrName) {
        Path p = Path.of(pathOrName);
        try {
            if (Files.isRegularFile(p)) {
                return fromYaml(Files.readString(p, StandardCharsets.UTF_8), pathOrName);
            }
            String name = pathOrName.endsWith(".yaml") ? p.getFileName().toString() : pathOrName + ".yaml";
            try (InputStream in = ModelSpec.class.getResourceAsStream("/models/" + name)) {
                if (in == null) {
                    throw new ModelSpecException("model config '" + pathOrName
                            + "' not found (neither a file nor a bundled model: yolov5n/s/m/l/x.yaml)");
                }
                return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(pathOrName + ": " + e.getMessage(), e);
        }
    }

    /** The same model with another number of classes (as the original's --cfg with a dataset's nc). */
    public ModelSpec withNc(int newNc) {
        Map<String, Object> copy = new LinkedHashMap<>(yaml);
        copy.put("nc", newNc);
        return new ModelSpec(copy, source);
    }

    /** The same model with other anchors in pixels, {@code [nl][2*na]} (AutoAnchor). */
    public ModelSpec withAnchors(double[][] anchorPixels) {
        Map<String, Object> copy = new LinkedHashMap<>(yaml);
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : anchorPixels) {
            List<Double> r = new ArrayList<>();
            for (double v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        copy.put("anchors", rows);
        return new ModelSpec(copy, source);
    }

    public String toYaml() {
        try {
            return YAML.writeValueAsString(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(yaml);
    }

    public String source() {
        return source;
    }

    public int nc() {
        return nc;
    }

    public double depthMultiple() {
        return depthMultiple;
    }

    public double widthMultiple() {
        return widthMultiple;
    }

    /** Anchors in pixels, one row per detection layer: {@code [w0, h0, w1, h1, ...]}. */
    public double[][] anchors() {
        double[][] copy = new double[anchors.length][];
        for (int i = 0; i < anchors.length; i++) {
            copy[i] = anchors[i].clone();
        }
        return copy;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    private int intField(String name) {
        double v = numberField(name);
        if (v != Math.rint(v) || v < 1) {
            throw new ModelSpecException(source + ": field '" + name + "' must be a positive integer, got " + v);
        }
        return (int) v;
    }

    private double numberField(String name) {
        Object v = yaml.get(name);
        if (!(v instanceof Number)) {
            throw new ModelSpecException(source + ": field '" + name + "' must be a number, got "
                    + (v == null ? "nothing" : "'" + v + "'"));
        }
        double d = ((Number) v).doubleValue();
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new ModelSpecException(source + ": field '" + name + "' must be positive, got " + d);
        }
        return d;
    }

    private double[][] parseAnchors(Object value) {
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            throw new ModelSpecException(source + ": field 'anchors' must be a list of [w,h,...] rows per detection layer");
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof List<?> row) || row.isEmpty() || row.size() % 2 != 0) {
                throw new ModelSpecException(source + ": anchors row " + i + " must hold an even number of values (w,h pairs)");
            }
            out[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                if (!(row.get(j) instanceof Number n) || !(n.doubleValue() > 0)) {
                    throw new ModelSpecException(source + ": anchors row " + i + " value " + j + " must be a positive number");
                }
                out[i][j] = n.doubleValue();
            }
            if (out[i].length != out[0].length) {
                throw new ModelSpecException(source + ": every anchors row must have the same number of anchors");
            }
        }
        return out;
    }

    private List<LayerSpec> parseLayers() {
        List<LayerSpec> out = new ArrayList<>();
        for (String section : List.of("backbone", "head")) {
            Object rows = yaml.get(section);
            if (!(rows instanceof List<?> list)) {
                throw new ModelSpecException(source + ": field '" + section + "' must be a list of [from, number, module, args]");
            }
            for (Object row : list) {
                out.add(parseLayer(out.size(), row));
            }
        }
        return List.copyOf(out);
    }

    private LayerSpec parseLayer(int index, Object row) {
        String where = source + ": layer " + index;
        if (!(row instanceof List<?> r) || r.size() != 4) {
            throw new ModelSpecException(where + ": expected [from, number, module, args], got " + row);
        }
        int[] from;
        if (r.get(0) instanceof Number n) {
            from = new int[] {n.intValue()};
        } else if (r.get(0) instanceof List<?> fl && !fl.isEmpty() && fl.stream().allMatch(x -> x instanceof Number)) {
            from = fl.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
        } else {
            throw new ModelSpecException(where + ": 'from' must be an integer or a list of integers, got " + r.get(0));
        }
        for (int f : from) {
            int abs = f < 0 ? index + f : f;
            if (abs < -1 || abs >= index || (abs == -1 && index > 0)) {
                throw new ModelSpecException(where + ": 'from' " + f + " does not refer to an earlier layer");
            }
        }
        if (!(r.get(1) instanceof Number num) || num.intValue() < 1) {
            throw new ModelSpecException(where + ": 'number' must be a positive integer, got " + r.get(1));
        }
        if (!(r.get(2) instanceof String module)) {
            throw new ModelSpecException(where + ": 'module' must be a name, got " + r.get(2));
        }
        if (!(r.get(3) instanceof List<?> args)) {
            throw new ModelSpecException(where + ": 'args' must be a list, got " + r.get(3));
        }
        List<Object> resolved = new ArrayList<>();
        for (Object a : args) {
            resolved.add(resolveArg(a));
        }
        return new LayerSpec(index, from, num.intValue(), module, resolved);
    }

    /** The original evaluates string args; the names that occur in model YAMLs are resolved here. */
    private Object resolveArg(Object a) {
        if (!(a instanceof String s)) {
            return a;
        }
        switch (s) {
            case "nc": return nc;
            case "anchors": return yaml.get("anchors");
            case "None": return null;
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            default: return s;
        }
    }
}
