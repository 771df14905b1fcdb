package sparkyolo.weights;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.ModelSpec;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;
import sparkyolo.util.ZipMembers;

/**
 * Loads weights in any supported form into a {@link Checkpoint}: an Ultralytics {@code .pt}
 * (read without running pickle code), a SparkYOLO checkpoint, or a plain {@code .npz} state dict
 * with Ultralytics key names together with a model YAML.
 */
public final class Weights {
    /** The weights bundled with SparkYOLO (under {@code weights/} of the checkout and the jar), found by name. */
    public static final String BUNDLED = "yolov5n.pt";

    private Weights() {
    }

    /**
     * Reads weights from a file (any Hadoop FS path) or, when no such file exists, the ones bundled
     * with SparkYOLO by name ({@value #BUNDLED}), from the classpath: the driver reads them, so
     * executors need no copy.
     *
     * @param cfg a model YAML (file or bundled name); required for a plain .npz, and for a .pt it
     *            replaces the checkpoint's own model definition
     */
    public static Checkpoint load(HadoopFiles files, String path, String cfg) throws IOException {
        if (files.exists(path)) {
            return fromBytes(files.readAllBytes(path), path, cfg);
        }
        try (InputStream in = path.contains("/") ? null : Weights.class.getResourceAsStream("/weights/" + path)) {
            if (in == null) {
                throw new FileNotFoundException(path + ": not found (neither a file nor bundled weights: " + BUNDLED + ")");
            }
            return fromBytes(in.readAllBytes(), path, cfg);
        }
    }

    public static Checkpoint fromBytes(byte[] bytes, String name) throws IOException {
        return fromBytes(bytes, name, null);
    }

    public static Checkpoint fromBytes(byte[] bytes, String name, String cfg) throws IOException {
        if (!ZipMembers.looksLikeZip(bytes)) {
            throw new IOException(name + ": not a YOLOv5 .pt checkpoint, SparkYOLO checkpoint or .npz"
                    + " (expected a zip archive)");
        }
        Map<String, byte[]> members = Npz.readMembers(bytes, name);
        if (members.containsKey(Checkpoint.META_MEMBER)) {
            return Checkpoint.fromMembers(members, name);
        }
        if (members.keySet().stream().anyMatch(k -> k.endsWith("data.pkl"))) {
            return fromTorch(TorchCheckpointReader.read(bytes, name), name, cfg);
        }
        Map<String, NpyArray> arrays = Npz.arrays(members, name);
        if (arrays.isEmpty()) {
            throw new IOException(name + ": the archive holds no arrays (not an .npz state dict)");
        }
        if (cfg == null) {
            throw new IOException(name + ": a plain .npz state dict needs its model config: add --cfg MODEL.yaml");
        }
        ModelSpec spec = ModelSpec.load(cfg);
        return Checkpoint.of(spec, Checkpoint.defaultNames(spec.nc()), arrays,
                Provenance.create(name, Map.of("cfg", cfg), null, null));
    }

    private static Checkpoint fromTorch(TorchCheckpoint pt, String name, String cfg) throws IOException {
        ModelSpec spec = cfg != null ? ModelSpec.load(cfg) : ModelSpec.fromMap(pt.yaml(), name + " (model.yaml)");
        java.util.List<String> names = pt.names().size() == spec.nc() ? pt.names() : Checkpoint.defaultNames(spec.nc());
        return Checkpoint.of(spec, names, pt.stateDict(), Provenance.create(name, Map.of(), null, null));
    }
}
