package sparkyolo.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sparkyolo.util.NpyArray;

/**
 * The flat layout of a state dict, from its names alone: the parameters (the flat vector the
 * optimizer and all-reduce work on) and the floating buffers (BatchNorm statistics, anchors),
 * each in state_dict order — the same order {@link FlatLayout} gives the live tensors.
 */
public record StateLayout(List<Entry> parameters, int parameterCount, List<Entry> buffers, int bufferCount) {
    /** One tensor's place in its vector. */
    public record Entry(String name, long[] shape, int offset, int size) {
    }

    public static boolean isBuffer(String name) {
        return name.endsWith(".running_mean") || name.endsWith(".running_var") || name.endsWith(".num_batches_tracked")
                || name.endsWith(".anchors");
    }

    public static boolean isBatchNormStatistic(String name) {
        return name.endsWith(".running_mean") || name.endsWith(".running_var");
    }

    public static StateLayout of(Map<String, NpyArray> stateDict) {
        List<Entry> params = new ArrayList<>();
        List<Entry> buffers = new ArrayList<>();
        int p = 0;
        int b = 0;
        for (Map.Entry<String, NpyArray> e : stateDict.entrySet()) {
            int n = Math.toIntExact(e.getValue().size());
            if (!isBuffer(e.getKey())) {
                params.add(new Entry(e.getKey(), e.getValue().shape(), p, n));
                p += n;
            } else if (!e.getKey().endsWith(".num_batches_tracked")) {
                buffers.add(new Entry(e.getKey(), e.getValue().shape(), b, n));
                b += n;
            }
        }
        return new StateLayout(params, p, buffers, b);
    }

    /** The parameters of a state dict as one vector. */
    public float[] parameterVector(Map<String, NpyArray> stateDict) {
        return vector(parameters, parameterCount, stateDict);
    }

    public float[] bufferVector(Map<String, NpyArray> stateDict) {
        return vector(buffers, bufferCount, stateDict);
    }

    private static float[] vector(List<Entry> entries, int size, Map<String, NpyArray> stateDict) {
        float[] out = new float[size];
        for (Entry e : entries) {
            NpyArray v = stateDict.get(e.name());
            if (v == null) {
                throw new IllegalArgumentException("state lacks " + e.name());
            }
            System.arraycopy(v.toFloats(), 0, out, e.offset(), e.size());
        }
        return out;
    }

    /** A state dict whose parameters and floating buffers come from vectors, other entries from {@code base}. */
    public Map<String, NpyArray> withVectors(Map<String, NpyArray> base, float[] parameters, float[] buffers) {
        Map<String, NpyArray> out = new java.util.LinkedHashMap<>(base);
        for (Entry e : this.parameters) {
            out.put(e.name(), NpyArray.ofFloats(java.util.Arrays.copyOfRange(parameters, e.offset(), e.offset() + e.size()),
                    e.shape()));
        }
        for (Entry e : this.buffers) {
            out.put(e.name(), NpyArray.ofFloats(java.util.Arrays.copyOfRange(buffers, e.offset(), e.offset() + e.size()),
                    e.shape()));
        }
        return out;
    }
}
