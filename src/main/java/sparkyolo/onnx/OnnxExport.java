package sparkyolo.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import sparkyolo.model.YoloNetwork;
import sparkyolo.util.Version;

/**
 * A YOLOv5 network as an ONNX model the way the original's {@code export.py} writes it: the fused
 * model (Conv+BN folded, SiLU as x·σ(x)), input {@code images} {@code (1, 3, H, W)} float, output
 * {@code output0} {@code (1, anchors, 5 + nc)} with Detect's decoding inside the graph and no NMS,
 * metadata {@code stride} and {@code names}; with {@code dynamic} the batch, height and width are free.
 */
public final class OnnxExport {
    public static final String INPUT = "images";
    /** The output's name since the original's v7.0 ({@code output} in v6.2), which current tools expect. */
    public static final String OUTPUT = "output0";

    private OnnxExport() {
    }

    /**
     * @param model a fused network ({@link YoloNetwork#fuse()})
     * @param names the class names written to the metadata
     */
    public static ModelProto model(YoloNetwork model, List<String> names, OnnxExportOptions options) {
        int stride = model.maxStride();
        if (options.height() % stride != 0 || options.width() % stride != 0) {
            throw new IllegalArgumentException("the input size " + options.height() + "x" + options.width()
                    + " must be a multiple of the model stride " + stride);
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName("main_graph");
        OnnxGraphWriter writer = options.dynamic() ? new OnnxGraphWriter(graph, 0, 0)
                : new OnnxGraphWriter(graph, options.height(), options.width());
        String output = model.trace(writer, INPUT);
        graph.addInput(value(INPUT, options.dynamic() ? new Object[] {"batch", 3L, "height", "width"}
                : new Object[] {1L, 3L, (long) options.height(), (long) options.width()}));
        graph.addOutput(value(OUTPUT, options.dynamic() ? new Object[] {"batch", "anchors", (long) model.rowLength()}
                : new Object[] {1L, anchorRows(model, options), (long) model.rowLength()}));
        renameOutput(graph, output);
        return ModelProto.newBuilder()
                .setIrVersion(options.irVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
                .setProducerName("sparkyolo")
                .setProducerVersion(Version.get())
                .setGraph(graph)
                .addMetadataProps(entry("stride", Integer.toString(stride)))
                .addMetadataProps(entry("names", PythonRepr.list(names)))
                .build();
    }

    /** The serialized model. */
    public static byte[] toBytes(YoloNetwork model, List<String> names, OnnxExportOptions options) {
        return model(model, names, options).toByteArray();
    }

    /** Prediction rows of a fixed-size input: anchors per cell times the cells of every level. */
    private static long anchorRows(YoloNetwork model, OnnxExportOptions options) {
        long rows = 0;
        for (double s : model.detect().strides()) {
            rows += (long) (options.height() / s) * (long) (options.width() / s);
        }
        return rows * model.detect().anchorsPerLevel();
    }

    /** The last node's output becomes the graph output's name. */
    private static void renameOutput(GraphProto.Builder graph, String produced) {
        for (int i = graph.getNodeCount() - 1; i >= 0; i--) {
            if (graph.getNode(i).getOutputList().contains(produced)) {
                graph.setNode(i, graph.getNode(i).toBuilder().setOutput(0, OUTPUT));
                return;
            }
        }
        throw new IllegalStateException("no node produces " + produced);
    }

    /** A float tensor's name and shape; a String dimension is a named free one. */
    private static ValueInfoProto value(String name, Object[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue((Long) d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
