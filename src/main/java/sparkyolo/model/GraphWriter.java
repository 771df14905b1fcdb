package sparkyolo.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Receives the inference graph of a fused network, one operation at a time, as an exporter writes
 * it (ONNX). Values are named by the writer; weights are the model's tensors, named with their
 * state_dict names. Each method returns the name of its output.
 */
public interface GraphWriter {
    /** Conv2d with bias (a Conv block after Conv+BN fusion, or a Detect output conv). */
    String conv(String x, NDArray weight, NDArray bias, int stride, int pad, int groups);

    /** {@code x * sigmoid(x)}. */
    String silu(String x);

    String add(String a, String b);

    String concatChannels(List<String> xs);

    String maxPool(String x, int kernel, int stride, int pad);

    String upsampleNearest(String x, int factor);

    /**
     * The Detect head in inference form, as {@link sparkyolo.model.layers.Detect#decode}: per level
     * the 1x1 conv's outputs reshaped to {@code (bs, na, cells, no)}, σ, {@code xy = (2σ + grid) * stride},
     * {@code wh = (2σ)² * anchor}, then all levels concatenated to {@code (bs, Σ na·cells, no)}.
     *
     * @param levels       the level outputs (after each 1x1 conv)
     * @param anchorPixels per level {@code [w0, h0, w1, h1, ...]} in input pixels (float32, as decode uses them)
     */
    String detect(List<String> levels, float[][] anchorPixels, double[] strides, int no);
}
