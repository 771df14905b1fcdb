package sparkyolo.train;

import java.util.Map;

/**
 * An optimizer over a slice of a flat parameter vector, with PyTorch's float32 update rules.
 * {@code groups[i]} is the {@link ParamGroup} ordinal of element i, or {@link #FROZEN}.
 * State (momentum buffers, moments) covers the same slice, so replicas can each own a slice.
 */
public interface Optimizer {
    byte FROZEN = -1;

    void step(float[] params, float[] grads, byte[] groups, int from, int to, StepSettings s);

    /** The optimizer's state arrays and counters, for checkpoints. */
    Map<String, float[]> state();

    void loadState(Map<String, float[]> state);

    static Optimizer create(String name, int size, double beta1) {
        switch (name) {
            case "SGD": return new SgdNesterov(size);
            case "Adam": return new Adam(size, beta1, false);
            case "AdamW": return new Adam(size, beta1, true);
            default: throw new IllegalArgumentException("--optimizer must be SGD, Adam or AdamW, got '" + name + "'");
        }
    }
}
