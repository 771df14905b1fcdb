package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.SharedFixtures;

/** {@code export --format onnx}: the file's interface, metadata and options as the original's export.py writes them. */
class ExportOnnxCommandTest {
    @TempDir
    Path tmp;

    @Test
    void staticExportRoundsTheSizeAndWritesTheOriginalsInterfaceAndMetadata() throws Exception {
        Path out = tmp.resolve("yolov5n.onnx");
        assertEquals(0, Main.execute("export", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--format",
                "onnx", "--img", "600", "--output", out.toString()));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(12, model.getOpsetImport(0).getVersion());
        assertEquals(7, model.getIrVersion());
        assertEquals(List.of("images"), model.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("output0"), model.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
        // 600 is rounded up to 608 (stride 32); rows = 3 anchors x (76² + 38² + 19²) cells
        assertEquals(List.of("1", "3", "608", "608"), dims(model.getGraph().getInput(0)));
        assertEquals(List.of("1", "" + 3 * (76 * 76 + 38 * 38 + 19 * 19), "85"), dims(model.getGraph().getOutput(0)));
        Map<String, String> meta = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("32", meta.get("stride"));
        String cocoNames = new ObjectMapper().readTree(getClass().getResource("/onnx/python-repr.json")).get(0)
                .get("str").asText();
        assertEquals(cocoNames, meta.get("names"));
        assertFalse(model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("BatchNormalization")),
                "Conv+BN fused");
        assertFalse(Files.list(tmp).anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left (atomic write)");
    }

    @Test
    void dynamicExportRunsAtAnySizeAndBatch() throws Exception {
        Path out = tmp.resolve("dyn.onnx");
        assertEquals(0, Main.execute("export", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--format",
                "onnx", "--dynamic", "--opset", "13", "--img", "320", "--output", out.toString()));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(13, model.getOpsetImport(0).getVersion());
        assertEquals(List.of("batch", "3", "height", "width"), dims(model.getGraph().getInput(0)));
        assertEquals(List.of("batch", "anchors", "85"), dims(model.getGraph().getOutput(0)));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(out.toString(), new OrtSession.SessionOptions())) {
            for (long[] shape : new long[][] {{2, 3, 256, 320}, {1, 3, 640, 416}}) {
                float[] x = new float[(int) (shape[0] * 3 * shape[2] * shape[3])];
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                        OrtSession.Result r = session.run(Map.of("images", in))) {
                    long cells = (shape[2] / 8) * (shape[3] / 8) + (shape[2] / 16) * (shape[3] / 16)
                            + (shape[2] / 32) * (shape[3] / 32);
                    assertEquals(List.of(shape[0], 3 * cells, 85L), java.util.Arrays.stream(
                            ((OnnxTensor) r.get(0)).getInfo().getShape()).boxed().toList());
                }
            }
        }
    }

    @Test
    void unsupportedOpsetIsABadInput() throws Exception {
        assertEquals(2, Main.execute("export", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--format",
                "onnx", "--opset", "9", "--output", tmp.resolve("x.onnx").toString()));
        assertFalse(Files.exists(tmp.resolve("x.onnx")));
    }

    private static List<String> dims(ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_PARAM ? d.getDimParam()
                        : Long.toString(d.getDimValue()))
                .toList();
    }
}
