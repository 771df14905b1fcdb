package sparkyolo.onnx;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sparkyolo.model.GraphWriter;

/**
 * Writes a network's inference graph as ONNX nodes (operators valid from opset 11 on) and
 * initializers (weights under their state_dict names, constants as the original's exporter folds
 * them). With a fixed input size the Detect grids are constants of the full tensor shape, as the
 * original's export has them (OpenCV's DNN module needs no broadcasting then); with a dynamic
 * input they are computed from each level's shape.
 */
final class OnnxGraphWriter implements GraphWriter {
    private final GraphProto.Builder graph;
    private final int height;
    private final int width;
    private final Map<String, Integer> counters = new HashMap<>();
    private final Set<String> weights = new HashSet<>();
    private final Map<ConstantKey, String> constants = new HashMap<>();

    /** Constants with the same type, shape and bytes are one initializer (ByteBuffer compares contents). */
    private record ConstantKey(TensorProto.DataType type, List<Long> dims, ByteBuffer bytes) {
    }

    /** @param height the fixed input height, or 0 for a dynamic input (width likewise) */
    OnnxGraphWriter(GraphProto.Builder graph, int height, int width) {
        this.graph = graph;
        this.height = height;
        this.width = width;
    }

    @Override
    public String conv(String x, NDArray weight, NDArray bias, int stride, int pad, int groups) {
        long[] shape = weight.getShape().getShape();
        return node("Conv", List.of(x, weight(weight), weight(bias)),
                ints("kernel_shape", shape[2], shape[3]), ints("strides", stride, stride),
                ints("pads", pad, pad, pad, pad), ints("dilations", 1, 1), integer("group", groups));
    }

    @Override
    public String silu(String x) {
        return node("Mul", List.of(x, node("Sigmoid", List.of(x))));
    }

    @Override
    public String add(String a, String b) {
        return node("Add", List.of(a, b));
    }

    @Override
    public String concatChannels(List<String> xs) {
        return node("Concat", xs, integer("axis", 1));
    }

    @Override
    public String maxPool(String x, int kernel, int stride, int pad) {
        return node("MaxPool", List.of(x), ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
                ints("pads", pad, pad, pad, pad));
    }

    /** As torch exports nn.Upsample(mode='nearest') from opset 11: Resize with an empty roi and constant scales. */
    @Override
    public String upsampleNearest(String x, int factor) {
        return node("Resize", List.of(x, floats(new float[0], 0), floats(new float[] {1, 1, factor, factor}, 4)),
                string("mode", "nearest"), string("coordinate_transformation_mode", "asymmetric"),
                string("nearest_mode", "floor"));
    }

    @Override
    public String detect(List<String> levels, float[][] anchorPixels, double[] strides, int no) {
        int na = anchorPixels[0].length / 2;
        List<String> decoded = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            // (bs, na*no, ny, nx) -> (bs, na, ny*nx, no): the original's view + permute with the two cell axes as one
            String y = node("Reshape", List.of(levels.get(i), longs(0, na, no, -1)));
            y = node("Sigmoid", List.of(node("Transpose", List.of(y), ints("perm", 0, 1, 3, 2))));
            String xy = slice(y, 0, 2);
            String wh = slice(y, 2, 4);
            String conf = slice(y, 4, no);
            String two = scalar(2f);
            String grid;
            String anchors;
            if (height > 0) {
                int ny = (int) (height / strides[i]);
                int nx = (int) (width / strides[i]);
                grid = floats(gridValues(na, ny, nx), 1, na, ny * nx, 2);
                anchors = floats(anchorValues(anchorPixels[i], ny * nx), 1, na, ny * nx, 2);
            } else {
                grid = dynamicGrid(levels.get(i));
                anchors = floats(anchorPixels[i], 1, na, 1, 2);
            }
            xy = node("Mul", List.of(node("Add", List.of(node("Mul", List.of(xy, two)), grid)),
                    scalar((float) strides[i])));
            wh = node("Mul", List.of(node("Pow", List.of(node("Mul", List.of(wh, two)), two)), anchors));
            decoded.add(node("Reshape", List.of(node("Concat", List.of(xy, wh, conf), integer("axis", 3)),
                    longs(0, -1, no))));
        }
        return node("Concat", decoded, integer("axis", 1));
    }

    /** Cell offsets minus 0.5 as (x, y) per cell, row-major, repeated per anchor. */
    private static float[] gridValues(int na, int ny, int nx) {
        float[] v = new float[na * ny * nx * 2];
        int k = 0;
        for (int a = 0; a < na; a++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    v[k++] = x - 0.5f;
                    v[k++] = y - 0.5f;
                }
            }
        }
        return v;
    }

    private static float[] anchorValues(float[] anchorPixels, int cells) {
        int na = anchorPixels.length / 2;
        float[] v = new float[na * cells * 2];
        for (int a = 0; a < na; a++) {
            for (int c = 0; c < cells; c++) {
                v[(a * cells + c) * 2] = anchorPixels[a * 2];
                v[(a * cells + c) * 2 + 1] = anchorPixels[a * 2 + 1];
            }
        }
        return v;
    }

    /** The (ny*nx, 2) grid of a level whose size is known at run time: running sums of ones minus 1.5. */
    private String dynamicGrid(String level) {
        String cells = node("Gather", List.of(node("Shape", List.of(level)), longs(2, 3)), integer("axis", 0));
        TensorProto one = tensor("", TensorProto.DataType.FLOAT, floatBytes(new float[] {1f}), 1).build();
        String ones = node("ConstantOfShape", List.of(cells),
                AttributeProto.newBuilder().setName("value").setType(AttributeType.TENSOR).setT(one).build());
        String xs = node("Reshape", List.of(node("CumSum", List.of(ones, axis(1))), longs(-1, 1)));
        String ys = node("Reshape", List.of(node("CumSum", List.of(ones, axis(0))), longs(-1, 1)));
        return node("Sub", List.of(node("Concat", List.of(xs, ys), integer("axis", 1)), scalar(1.5f)));
    }

    private String slice(String x, long start, long end) {
        return node("Slice", List.of(x, longs(start), longs(end), longs(3)));
    }

    private String node(String op, List<String> inputs, AttributeProto... attributes) {
        int n = counters.merge(op, 1, Integer::sum) - 1;
        String name = op + "_" + n;
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(name)
                .addAllAttribute(Arrays.asList(attributes)));
        return name;
    }

    /** A model tensor as an initializer named by its state_dict name (added once). */
    private String weight(NDArray array) {
        String name = array.getName();
        if (weights.add(name)) {
            graph.addInitializer(tensor(name, TensorProto.DataType.FLOAT, floatBytes(array.toFloatArray()),
                    array.getShape().getShape()));
        }
        return name;
    }

    private String scalar(float value) {
        return floats(new float[] {value});
    }

    /** A float constant; no dims makes a 0-d scalar. */
    private String floats(float[] values, long... dims) {
        return constant(TensorProto.DataType.FLOAT, floatBytes(values), dims);
    }

    /** A 1-d int64 constant. */
    private String longs(long... values) {
        return constant(TensorProto.DataType.INT64, longBytes(values), values.length);
    }

    /** A 0-d int64 constant (CumSum's axis). */
    private String axis(long value) {
        return constant(TensorProto.DataType.INT64, longBytes(value));
    }

    private String constant(TensorProto.DataType type, byte[] bytes, long... dims) {
        ConstantKey key = new ConstantKey(type, Arrays.stream(dims).boxed().toList(), ByteBuffer.wrap(bytes));
        String existing = constants.get(key);
        if (existing != null) {
            return existing;
        }
        int n = counters.merge("Constant", 1, Integer::sum) - 1;
        String name = "Constant_" + n;
        graph.addInitializer(tensor(name, type, bytes, dims));
        constants.put(key, name);
        return name;
    }

    private static TensorProto.Builder tensor(String name, TensorProto.DataType type, byte[] bytes, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private static byte[] floatBytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static byte[] longBytes(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
