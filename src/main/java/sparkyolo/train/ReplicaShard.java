package sparkyolo.train;

import java.io.Serializable;
import java.util.Map;

/**
 * What a replica holds at the end of its epoch: the replicated model (weights and buffers, the
 * same on every replica), and its owner slice [from, to) of the optimizer state and of the EMA
 * of the parameters; the EMA of the buffers is replicated.
 *
 * @param model      the model state dict as checkpoint bytes-friendly arrays (float values)
 * @param emaSlice   EMA of parameters [from, to) of the flat parameter vector
 * @param emaBuffers EMA of the floating buffers, flat in their layout order
 */
public record ReplicaShard(int rank, int from, int to, Map<String, float[]> optimizerSlice, float[] emaSlice,
        float[] emaBuffers, Map<String, Object> counters, EpochStats stats) implements Serializable {
}
