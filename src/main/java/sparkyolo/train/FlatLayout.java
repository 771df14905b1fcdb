package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import sparkyolo.engine.Autograd;
import java.util.ArrayList;
import java.util.List;
import sparkyolo.model.ParameterStore;

/**
 * A flat view of a model's tensors: each named tensor owns a segment [offset, offset + size) of
 * one float vector. Optimizers, EMA and (later) the all-reduce work on these vectors.
 */
public final class FlatLayout {
    /** One tensor's segment. */
    public record Segment(String name, NDArray array, int offset, int size, ParamGroup group, boolean frozen) {
    }

    private final List<Segment> segments;
    private final int size;

    private FlatLayout(List<Segment> segments, int size) {
        this.segments = List.copyOf(segments);
        this.size = size;
    }

    /**
     * The trainable parameters in state_dict order.
     *
     * @param frozenPrefixes names starting with one of these are frozen (no gradient, no update)
     */
    public static FlatLayout parameters(ParameterStore store, List<String> frozenPrefixes) {
        List<Segment> out = new ArrayList<>();
        int offset = 0;
        for (ParameterStore.Entry e : store.trainable()) {
            int n = Math.toIntExact(e.array().size());
            boolean frozen = frozenPrefixes.stream().anyMatch(p -> e.name().startsWith(p));
            out.add(new Segment(e.name(), e.array(), offset, n, ParamGroup.of(e.name()), frozen));
            offset += n;
        }
        return new FlatLayout(out, offset);
    }

    /** The floating-point buffers (BatchNorm statistics, anchors), in state_dict order. */
    public static FlatLayout floatBuffers(ParameterStore store) {
        List<Segment> out = new ArrayList<>();
        int offset = 0;
        for (ParameterStore.Entry e : store.entries()) {
            if (!e.trainable() && e.array().getDataType().isFloating()) {
                int n = Math.toIntExact(e.array().size());
                out.add(new Segment(e.name(), e.array(), offset, n, ParamGroup.of(e.name()), !e.trainable()));
                offset += n;
            }
        }
        return new FlatLayout(out, offset);
    }

    public List<Segment> segments() {
        return segments;
    }

    public int size() {
        return size;
    }

    /** Copies the tensors' values into one vector. */
    public float[] values() {
        float[] out = new float[size];
        for (Segment s : segments) {
            System.arraycopy(s.array().toFloatArray(), 0, out, s.offset(), s.size());
        }
        return out;
    }

    /** Writes a vector back into the tensors (in place, outside autograd). */
    public void setValues(float[] values) {
        for (Segment s : segments) {
            float[] part = new float[s.size()];
            System.arraycopy(values, s.offset(), part, 0, s.size());
            s.array().set(part);
        }
    }

    /** The tensors' gradients as one vector (zeros for frozen tensors and tensors without a gradient). */
    public float[] gradients() {
        float[] out = new float[size];
        try (NDManager scratch = segments.get(0).array().getManager().newSubManager()) {
            for (Segment s : segments) {
                if (!s.frozen()) {
                    System.arraycopy(Autograd.gradient(s.array(), scratch).toFloatArray(), 0, out, s.offset(), s.size());
                }
            }
        }
        return out;
    }
}
