package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import sparkyolo.engine.TensorVectors;
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
    private final List<NDArray> arrays;
    private final int size;

    private FlatLayout(List<Segment> segments, int size) {
        this.segments = List.copyOf(segments);
        this.arrays = this.segments.stream().map(Segment::array).toList();
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

    /** Copies the tensors' values into a new vector. */
    public float[] values() {
        float[] out = new float[size];
        valuesInto(out, 0);
        return out;
    }

    /** Copies the tensors' values into {@code dst[at, at + size)}. */
    public void valuesInto(float[] dst, int at) {
        TensorVectors.copyInto(arrays, dst, at);
    }

    /** Writes {@code src[at, at + size)} back into the tensors (in place, outside autograd). */
    public void setValues(float[] src, int at) {
        TensorVectors.copyFrom(src, at, arrays);
    }

    /**
     * Copies the tensors' gradients into {@code dst[at, at + size)}: zeros for frozen tensors (which
     * get none) and for tensors that no backward has reached.
     */
    public void gradientsInto(float[] dst, int at) {
        TensorVectors.gradientsInto(arrays, dst, at);
        for (Segment s : segments) {
            if (s.frozen()) {
                java.util.Arrays.fill(dst, at + s.offset(), at + s.offset() + s.size(), 0f);
            }
        }
    }
}
