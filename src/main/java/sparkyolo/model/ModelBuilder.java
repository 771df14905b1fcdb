package sparkyolo.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sparkyolo.model.layers.Bottleneck;
import sparkyolo.model.layers.C3;
import sparkyolo.model.layers.Concat;
import sparkyolo.model.layers.ConvBlock;
import sparkyolo.model.layers.Detect;
import sparkyolo.model.layers.Layer;
import sparkyolo.model.layers.Sequence;
import sparkyolo.model.layers.Sppf;
import sparkyolo.model.layers.Upsample;

/**
 * Builds the layer graph from a model YAML as the original's {@code parse_model}: depth and
 * width multiples, channel bookkeeping, layer names {@code model.<i>.}. Strides follow from the
 * layers' downsampling, as the original measures them with a dry forward pass.
 */
final class ModelBuilder {
    static final List<String> MODULES = List.of("Conv", "C3", "Bottleneck", "SPPF", "nn.Upsample", "Concat", "Detect");

    private ModelBuilder() {
    }

    static YoloNetwork build(ModelSpec spec, ParameterStore store, long seed) {
        Random random = new Random(seed);
        List<LayerSpec> rows = spec.layers();
        List<Integer> channels = new ArrayList<>();
        List<Double> strides = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        List<int[]> from = new ArrayList<>();
        int no = spec.anchors()[0].length / 2 * (spec.nc() + 5);
        for (LayerSpec row : rows) {
            String where = spec.source() + ": layer " + row.index() + " (" + row.module() + ")";
            int[] f = absoluteFrom(row);
            int c1 = f[0] == -1 ? 3 : channels.get(f[0]);
            double stride = f[0] == -1 ? 1.0 : strides.get(f[0]);
            int n = row.number() > 1 ? Math.max((int) Math.rint(row.number() * spec.depthMultiple()), 1) : row.number();
            String prefix = "model." + row.index() + ".";
            List<Object> args = row.args();
            if (row.module().equals("Detect")) {
                if (row.index() != rows.size() - 1) {
                    throw new ModelSpecException(where + ": Detect must be the last layer");
                }
                int[] inCh = new int[f.length];
                double[] inStrides = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    inCh[i] = channels.get(f[i]);
                    inStrides[i] = strides.get(f[i]);
                }
                double[][] anchors = AnchorOrder.byStride(detectAnchors(spec, args, f.length, where), inStrides);
                Detect detect = new Detect(store, prefix, spec.nc(), anchors, inCh, inStrides, random);
                return new YoloNetwork(spec, store, layers, from, detect, f);
            }
            Layer layer;
            int c2;
            switch (row.module()) {
                case "Conv": {
                    c2 = outChannels(intArg(args, 0, where, -1), no, spec);
                    int k = intArg(args, 1, where, 1);
                    int s = intArg(args, 2, where, 1);
                    int p = args.size() > 3 && args.get(3) != null ? intArg(args, 3, where, -1) : -1;
                    int g = intArg(args, 4, where, 1);
                    List<Layer> reps = new ArrayList<>();
                    for (int r = 0; r < n; r++) {
                        String pre = n > 1 ? prefix + r + "." : prefix;
                        reps.add(new ConvBlock(store, pre, r == 0 ? c1 : c2, c2, k, s, p, g, random));
                    }
                    layer = n > 1 ? new Sequence(reps) : reps.get(0);
                    stride *= Math.pow(s, n);
                    break;
                }
                case "C3": {
                    c2 = outChannels(intArg(args, 0, where, -1), no, spec);
                    boolean shortcut = args.size() < 2 || !Boolean.FALSE.equals(args.get(1));
                    layer = new C3(store, prefix, c1, c2, n, shortcut, intArg(args, 2, where, 1), random);
                    break;
                }
                case "Bottleneck": {
                    c2 = outChannels(intArg(args, 0, where, -1), no, spec);
                    boolean shortcut = args.size() < 2 || !Boolean.FALSE.equals(args.get(1));
                    List<Layer> reps = new ArrayList<>();
                    for (int r = 0; r < n; r++) {
                        String pre = n > 1 ? prefix + r + "." : prefix;
                        reps.add(new Bottleneck(store, pre, r == 0 ? c1 : c2, c2, shortcut, intArg(args, 2, where, 1),
                                0.5, random));
                    }
                    layer = n > 1 ? new Sequence(reps) : reps.get(0);
                    break;
                }
                case "SPPF": {
                    c2 = outChannels(intArg(args, 0, where, -1), no, spec);
                    layer = new Sppf(store, prefix, c1, c2, intArg(args, 1, where, 5), random);
                    break;
                }
                case "nn.Upsample": {
                    c2 = c1;
                    Object mode = args.size() > 2 ? args.get(2) : "nearest";
                    if (!"nearest".equals(mode)) {
                        throw new ModelSpecException(where + ": only 'nearest' upsampling is supported, got " + mode);
                    }
                    int factor = intArg(args, 1, where, -1);
                    layer = new Upsample(factor);
                    stride /= factor;
                    break;
                }
                case "Concat": {
                    c2 = 0;
                    for (int src : f) {
                        c2 += src == -1 ? 3 : channels.get(src);
                    }
                    layer = new Concat();
                    break;
                }
                default:
                    throw new ModelSpecException(where + ": unknown module '" + row.module() + "' (supported: "
                            + String.join(", ", MODULES) + ")");
            }
            layers.add(layer);
            from.add(f);
            channels.add(c2);
            strides.add(stride);
        }
        throw new ModelSpecException(spec.source() + ": the model has no Detect layer");
    }

    /** 'from' as absolute layer indices; -1 stays -1 (the previous layer, or the image for layer 0). */
    private static int[] absoluteFrom(LayerSpec row) {
        int[] f = row.from().clone();
        for (int i = 0; i < f.length; i++) {
            if (f[i] < -1) {
                f[i] += row.index();
            } else if (f[i] == -1 && row.index() > 0) {
                f[i] = row.index() - 1;
            }
        }
        return f;
    }

    private static int outChannels(int c2, int no, ModelSpec spec) {
        return c2 == no ? c2 : makeDivisible(c2 * spec.widthMultiple(), 8);
    }

    static int makeDivisible(double x, int divisor) {
        return (int) (Math.ceil(x / divisor) * divisor);
    }

    private static int intArg(List<Object> args, int i, String where, int dflt) {
        if (i >= args.size() || args.get(i) == null) {
            if (dflt == -1) {
                throw new ModelSpecException(where + ": argument " + i + " is required");
            }
            return dflt;
        }
        Object v = args.get(i);
        if (!(v instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue()) || num.intValue() < 0) {
            throw new ModelSpecException(where + ": argument " + i + " must be a non-negative integer, got " + v);
        }
        return num.intValue();
    }

    private static double[][] detectAnchors(ModelSpec spec, List<Object> args, int levels, String where) {
        Object a = args.size() > 1 ? args.get(1) : null;
        double[][] anchors;
        if (a instanceof Number count) {
            // As the original: a count of anchors per level, placeholders until AutoAnchor sets them.
            anchors = new double[levels][count.intValue() * 2];
            for (double[] row : anchors) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = j;
                }
            }
        } else {
            anchors = spec.anchors();
        }
        if (anchors.length != levels) {
            throw new ModelSpecException(where + ": " + anchors.length + " anchor rows for " + levels + " detection levels");
        }
        return anchors;
    }
}
