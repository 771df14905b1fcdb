package sparkyolo.train;

import java.util.Map;

/**
 * An optimizer over one owner slice [offset, offset + n) of a flat parameter vector, with
 * PyTorch's float32 update rules. {@code groups[i]} is the {@link ParamGroup} ordinal of element
 * i of the full vector, or {@link #FROZEN}. Its state covers only the slice (replicas each own
 * one); state keys starting with {@link #SCALAR} are counters, the others per-element vectors.
 */
public interface Optimizer {
    byte FROZEN = -1;
    String SCALAR = "@";

    /**
     * Updates {@code params[offset + j]} from {@code grads[j]} for j in [0, length).
     */
    void step(float[] params, int offset, float[] grads, int length, byte[] groups, StepSettings s);

    /** The optimizer's state arrays and counters, for checkpoints. */
    Map<String, float[]> state();

    void loadState(Map<String, float[]> state);

    /** @param size the length of the owned slice */
    static Optimizer create(OptimizerName name, int size, double beta1) {
        return switch (name) {
            case SGD -> new SgdNesterov(size);
            case ADAM -> new Adam(size, beta1, false);
            case ADAMW -> new Adam(size, beta1, true);
        };
    }
}
