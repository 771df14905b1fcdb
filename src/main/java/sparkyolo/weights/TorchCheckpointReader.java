package sparkyolo.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.util.NpyArray;
import sparkyolo.util.ZipMembers;

/**
 * Reads an Ultralytics YOLOv5 {@code .pt} checkpoint (a torch zip archive:
 * {@code <prefix>/data.pkl} plus raw storages in {@code <prefix>/data/<key>}) without running any
 * pickle code; see {@link RestrictedUnpickler}. The model is {@code ckpt['ema']} when present and
 * not None, else {@code ckpt['model']}, as YOLOv5's {@code attempt_load} chooses.
 */
public final class TorchCheckpointReader {
    private TorchCheckpointReader() {
    }

    public static TorchCheckpoint read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads the whole stream (e.g. a Hadoop FS file); {@code name} is used in error messages. */
    public static TorchCheckpoint read(InputStream in, String name) throws IOException {
        return read(in.readAllBytes(), name);
    }

    public static TorchCheckpoint read(byte[] bytes, String name) throws IOException {
        if (!ZipMembers.looksLikeZip(bytes)) {
            throw new IOException(name + " is not a PyTorch checkpoint (expected a zip archive)");
        }
        Map<String, ByteBuffer> members = ZipMembers.read(bytes, name);
        String prefix = archivePrefix(members, name);
        ByteBuffer byteOrder = members.get(prefix + "byteorder");
        if (byteOrder != null && !StandardCharsets.US_ASCII.decode(byteOrder.duplicate()).toString().trim().equals("little")) {
            throw new IOException(name + ": only little-endian checkpoints are supported");
        }
        ByteBuffer pickle = members.get(prefix + "data.pkl").duplicate();
        byte[] pickleBytes = new byte[pickle.remaining()];
        pickle.get(pickleBytes);
        Object root = RestrictedUnpickler.load(pickleBytes, name, new ArchiveStorages(members, prefix + "data/", name));
        return interpret(root, name);
    }

    /** The {@code <prefix>/} of the single top-level folder holding {@code data.pkl}. */
    private static String archivePrefix(Map<String, ByteBuffer> members, String name) throws IOException {
        for (String member : members.keySet()) {
            int slash = member.indexOf('/');
            if (slash > 0 && member.substring(slash + 1).equals("data.pkl")) {
                return member.substring(0, slash + 1);
            }
        }
        throw new IOException(name + " is not a PyTorch checkpoint (the zip archive has no <prefix>/data.pkl)");
    }

    private static TorchCheckpoint interpret(Object root, String name) throws IOException {
        if (!(root instanceof Map<?, ?> ckpt)) {
            throw notYolo(name, "the pickle holds " + PickleValues.describe(root) + ", expected a dict with 'model'");
        }
        String key = ckpt.get("ema") != null ? "ema" : "model";
        Object model = ckpt.get(key);
        if (model == null) {
            throw notYolo(name, ckpt.containsKey("model") ? "ckpt['model'] is None"
                    : "no 'model' or 'ema' entry (keys: " + ckpt.keySet() + ")");
        }
        if (!ModuleStateDict.isModule(model)) {
            throw notYolo(name, "ckpt['" + key + "'] is " + PickleValues.describe(model) + ", not a model with state");
        }
        PickleObject module = (PickleObject) model;
        LinkedHashMap<String, NpyArray> stateDict = ModuleStateDict.of(module, name);
        if (stateDict.isEmpty()) {
            throw notYolo(name, "ckpt['" + key + "'] has no parameters or buffers");
        }
        return new TorchCheckpoint(name, module.className(), stateDict, yaml(module, name),
                names(module, name), metadata(ckpt));
    }

    private static IOException notYolo(String name, String why) {
        return new IOException(name + " is not a YOLOv5 checkpoint: " + why);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(PickleObject model, String name) throws IOException {
        Object yaml = model.get("yaml");
        if (yaml == null) {
            return Map.of();
        }
        if (!(yaml instanceof Map<?, ?> map) || !PickleValues.isPlain(map)
                || !map.keySet().stream().allMatch(k -> k instanceof String)) {
            throw notYolo(name, "model.yaml is " + PickleValues.describe(yaml) + ", not a plain dict");
        }
        return (Map<String, Object>) map;
    }

    /** {@code model.names}: a list, or a dict keyed by class index. */
    private static List<String> names(PickleObject model, String name) throws IOException {
        Object names = model.get("names");
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> list) {
            list.forEach(n -> out.add(String.valueOf(n)));
        } else if (names instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof Long)) {
            map.entrySet().stream()
                    .sorted(Comparator.comparingLong(e -> (Long) e.getKey()))
                    .forEach(e -> out.add(String.valueOf(e.getValue())));
        } else if (names != null) {
            throw notYolo(name, "model.names is " + PickleValues.describe(names) + ", not a list or dict of class names");
        }
        return out;
    }

    private static Map<String, Object> metadata(Map<?, ?> ckpt) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ckpt.entrySet()) {
            if (e.getKey() instanceof String k && !k.equals("model") && !k.equals("ema") && PickleValues.isPlain(e.getValue())) {
                out.put(k, e.getValue());
            }
        }
        return out;
    }
}
