package sparkyolo.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sparkyolo.model.GraphWriter;
import sparkyolo.model.Ops;
import sparkyolo.model.ParameterStore;

/**
 * Ultralytics {@code Detect}: one 1x1 conv per level giving {@code na * (5 + nc)} channels, and the
 * inference decoding of those raw outputs into boxes (xywh in input pixels) and scores.
 */
public final class Detect {
    private final ParameterStore store;
    private final String prefix;
    private final int nc;
    private final int no;
    private final int na;
    private final double[] strides;

    /**
     * @param anchorPixels per level {@code [w0,h0,w1,h1,...]} in pixels
     * @param strides      the input-to-level downsampling of each level
     */
    public Detect(ParameterStore store, String prefix, int nc, double[][] anchorPixels, int[] channels,
            double[] strides, Random random) {
        this.store = store;
        this.prefix = prefix;
        this.nc = nc;
        this.no = nc + 5;
        this.na = anchorPixels[0].length / 2;
        this.strides = strides.clone();
        float[] gridAnchors = new float[anchorPixels.length * na * 2];
        for (int i = 0; i < anchorPixels.length; i++) {
            for (int j = 0; j < na * 2; j++) {
                gridAnchors[i * na * 2 + j] = (float) (anchorPixels[i][j] / strides[i]);
            }
        }
        store.buffer(prefix + "anchors", gridAnchors, new Shape(anchorPixels.length, na, 2));
        for (int i = 0; i < channels.length; i++) {
            int c = channels[i];
            int out = no * na;
            store.parameter(prefix + "m." + i + ".weight", Init.uniformFanIn(random, out * c, c), new Shape(out, c, 1, 1));
            store.parameter(prefix + "m." + i + ".bias", initialBias(Init.uniformFanIn(random, out, c), strides[i]),
                    new Shape(out));
        }
    }

    /** The original's _initialize_biases: objectness for ~8 objects per 640² image, class prior 0.6 / nc. */
    private float[] initialBias(float[] bias, double stride) {
        for (int a = 0; a < na; a++) {
            bias[a * no + 4] += (float) Math.log(8.0 / Math.pow(640.0 / stride, 2));
            for (int c = 5; c < no; c++) {
                bias[a * no + c] += (float) Math.log(0.6 / (nc - 0.99));
            }
        }
        return bias;
    }

    public int levels() {
        return strides.length;
    }

    public int nc() {
        return nc;
    }

    public int anchorsPerLevel() {
        return na;
    }

    public double[] strides() {
        return strides.clone();
    }

    /** Raw outputs, one per level, shaped {@code (bs, na, ny, nx, 5 + nc)} (logits, before sigmoid). */
    public NDList forward(List<NDArray> inputs) {
        NDList out = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            NDArray x = inputs.get(i);
            NDArray y = Ops.conv2d(x, store.get(prefix + "m." + i + ".weight"), store.get(prefix + "m." + i + ".bias"),
                    1, 0, 1);
            Shape s = y.getShape();
            out.add(y.reshape(s.get(0), na, no, s.get(2), s.get(3)).transpose(0, 1, 3, 4, 2));
        }
        return out;
    }

    /**
     * Decodes raw outputs as the original's inference path: {@code xy = (2σ(t) + grid - 0.5) * stride},
     * {@code wh = (2σ(t))² * anchor}, scores σ. Returns {@code (bs, Σ na*ny*nx, 5 + nc)}.
     */
    public NDArray decode(NDList raw) {
        NDArray anchors = store.get(prefix + "anchors");
        NDList levels = new NDList(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            NDArray r = raw.get(i);
            NDManager m = r.getManager();
            Shape s = r.getShape();
            long bs = s.get(0);
            long ny = s.get(2);
            long nx = s.get(3);
            NDArray y = Activation.sigmoid(r);
            float stride = (float) strides[i];
            NDArray grid = grid(m, ny, nx);
            NDArray anchorGrid = anchors.get(i).mul(stride).reshape(1, na, 1, 1, 2);
            NDArray xy = y.get(new NDIndex("..., 0:2")).mul(2).add(grid).mul(stride);
            NDArray wh = y.get(new NDIndex("..., 2:4")).mul(2).pow(2).mul(anchorGrid);
            NDArray decoded = NDArrays.concat(new NDList(xy, wh, y.get(new NDIndex("..., 4:"))), -1);
            levels.add(decoded.reshape(bs, na * ny * nx, no));
        }
        return NDArrays.concat(levels, 1);
    }

    /** Writes the output convs and {@link #decode} to {@code graph}; returns the decoded output's name. */
    public String trace(GraphWriter graph, List<String> inputs) {
        float[] anchors = store.get(prefix + "anchors").toFloatArray();
        float[][] anchorPixels = new float[inputs.size()][na * 2];
        List<String> levels = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            levels.add(graph.conv(inputs.get(i), store.get(prefix + "m." + i + ".weight"),
                    store.get(prefix + "m." + i + ".bias"), 1, 0, 1));
            for (int j = 0; j < na * 2; j++) {
                // float32 product, as decode's anchors.mul(stride)
                anchorPixels[i][j] = anchors[i * na * 2 + j] * (float) strides[i];
            }
        }
        return graph.detect(levels, anchorPixels, strides, no);
    }

    /** Cell offsets minus 0.5, shaped (1, 1, ny, nx, 2) as (x, y). */
    private static NDArray grid(NDManager m, long ny, long nx) {
        NDArray xs = m.arange(0f, (float) nx, 1f, DataType.FLOAT32).reshape(1, nx).repeat(0, ny);
        NDArray ys = m.arange(0f, (float) ny, 1f, DataType.FLOAT32).reshape(ny, 1).repeat(1, nx);
        return NDArrays.stack(new NDList(xs, ys), 2).sub(0.5f).reshape(1, 1, ny, nx, 2);
    }
}
