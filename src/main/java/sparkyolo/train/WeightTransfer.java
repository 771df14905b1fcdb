package sparkyolo.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import sparkyolo.util.NpyArray;

/**
 * Starts a model from pretrained weights as the original's intersect_dicts: every tensor whose
 * name and shape match is copied; the rest keeps its initial value. Anchors are excluded when
 * the model config was given explicitly (they belong to the config, not the weights).
 */
public final class WeightTransfer {
    private WeightTransfer() {
    }

    /** The result: the merged state dict and how many tensors came from the pretrained weights. */
    public record Result(Map<String, NpyArray> stateDict, int transferred, int total) {
    }

    public static Result apply(Map<String, NpyArray> initial, Map<String, NpyArray> pretrained, boolean excludeAnchors) {
        Map<String, NpyArray> out = new LinkedHashMap<>(initial);
        int transferred = 0;
        for (Map.Entry<String, NpyArray> e : initial.entrySet()) {
            NpyArray p = pretrained.get(e.getKey());
            boolean anchor = e.getKey().contains("anchor");
            if (p != null && !(excludeAnchors && anchor) && Arrays.equals(p.shape(), e.getValue().shape())) {
                out.put(e.getKey(), p);
                transferred++;
            }
        }
        return new Result(out, transferred, initial.size());
    }
}
