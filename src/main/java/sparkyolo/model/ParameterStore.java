package sparkyolo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.util.NpyArray;

/**
 * The named tensors of a model, in PyTorch {@code state_dict} order and with the Ultralytics
 * key names: trainable parameters and buffers (BatchNorm statistics, anchors).
 */
public final class ParameterStore implements AutoCloseable {
    /** One named tensor. */
    public record Entry(String name, NDArray array, boolean trainable) {
    }

    private final NDManager manager;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public ParameterStore(NDManager manager) {
        this.manager = manager;
    }

    public NDManager manager() {
        return manager;
    }

    /** Adds a trainable float32 parameter with the given initial values. */
    public NDArray parameter(String name, float[] values, Shape shape) {
        return add(name, manager.create(values, shape), true);
    }

    /** Adds a float32 buffer (not trained by the optimizer). */
    public NDArray buffer(String name, float[] values, Shape shape) {
        return add(name, manager.create(values, shape), false);
    }

    /** Adds an int64 buffer such as {@code num_batches_tracked}. */
    public NDArray longBuffer(String name, long value) {
        return add(name, manager.create(value), false);
    }

    private NDArray add(String name, NDArray array, boolean trainable) {
        if (entries.containsKey(name)) {
            throw new IllegalStateException("duplicate tensor name " + name);
        }
        array.setName(name);
        entries.put(name, new Entry(name, array, trainable));
        return array;
    }

    /** Removes an entry (e.g. BatchNorm tensors after Conv+BN fusion), closing its array. */
    public void remove(String name) {
        Entry e = entries.remove(name);
        if (e != null) {
            e.array().close();
        }
    }

    /** Inserts or replaces a tensor, keeping the position of an existing name. */
    public NDArray replace(String name, NDArray array, boolean trainable) {
        Entry old = entries.get(name);
        array.setName(name);
        array.attach(manager);
        entries.put(name, new Entry(name, array, trainable));
        if (old != null && old.array() != array) {
            old.array().close();
        }
        return array;
    }

    public NDArray get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return e.array();
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    public List<Entry> trainable() {
        return entries.values().stream().filter(Entry::trainable).toList();
    }

    public long parameterCount() {
        return trainable().stream().mapToLong(e -> e.array().size()).sum();
    }

    /** A copy of every tensor as host arrays, keyed by Ultralytics state_dict names. */
    public LinkedHashMap<String, NpyArray> toStateDict() {
        LinkedHashMap<String, NpyArray> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            NDArray a = e.array();
            long[] shape = a.getShape().getShape();
            if (a.getDataType() == DataType.INT64) {
                out.put(e.name(), NpyArray.ofLongs(a.toLongArray(), shape));
            } else {
                out.put(e.name(), NpyArray.ofFloats(a.toFloatArray(), shape));
            }
        }
        return out;
    }

    /**
     * Copies a state dict into this store. Every key of the model must be present with the same
     * shape; keys the model does not have are an error too (a checkpoint of another model).
     *
     * @param source names the weights file in error messages
     */
    public void load(Map<String, NpyArray> stateDict, String source) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Entry e : entries.values()) {
            NpyArray v = stateDict.get(e.name());
            if (v == null) {
                missing.add(e.name());
            } else if (!Arrays.equals(v.shape(), e.array().getShape().getShape())) {
                mismatched.add(e.name() + " " + Arrays.toString(v.shape()) + " vs model "
                        + Arrays.toString(e.array().getShape().getShape()));
            }
        }
        List<String> unexpected = stateDict.keySet().stream().filter(k -> !entries.containsKey(k)).toList();
        if (!missing.isEmpty() || !mismatched.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + ": weights do not fit the model config"
                    + describe(" missing", missing) + describe(" unexpected", unexpected)
                    + describe(" shape mismatch", mismatched));
        }
        for (Entry e : entries.values()) {
            NpyArray v = stateDict.get(e.name());
            if (e.array().getDataType() == DataType.INT64) {
                setLongs(e.array(), v.toLongs());
            } else {
                e.array().set(v.toFloats());
            }
        }
    }

    private static void setLongs(NDArray array, long[] values) {
        ByteBuffer b = ByteBuffer.allocateDirect(values.length * 8).order(ByteOrder.nativeOrder());
        b.asLongBuffer().put(values);
        array.set(b);
    }

    private static String describe(String what, List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        List<String> shown = names.subList(0, Math.min(5, names.size()));
        return ";" + what + " (" + names.size() + "): " + String.join(", ", shown) + (names.size() > 5 ? ", ..." : "");
    }

    /** Copies all values of another store with the same layout into this one. */
    public void copyFrom(ParameterStore other) {
        load(other.toStateDict(), "model copy");
    }

    public Map<String, Entry> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public void close() {
        manager.close();
    }
}
