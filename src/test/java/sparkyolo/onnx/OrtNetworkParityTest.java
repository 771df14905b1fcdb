package sparkyolo.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkyolo.model.YoloNetwork;

/** ONNX Runtime (Java) on the exported graphs against our libtorch forward of the same fused model. */
class OrtNetworkParityTest {
    @Test
    void yolov5nStatic640() throws Exception {
        try (YoloNetwork model = OnnxFixtures.yolov5n()) {
            checkStatic("yolov5n", model, 640, 640);
        }
    }

    @Test
    void yolov5sStatic640() throws Exception {
        try (YoloNetwork model = OnnxFixtures.yolov5sSeeded()) {
            checkStatic("yolov5s", model, 640, 640);
        }
    }

    @Test
    void yolov5nDynamicSizesAndBatch() throws Exception {
        try (YoloNetwork model = OnnxFixtures.yolov5n()) {
            checkDynamic("yolov5n", model);
        }
    }

    @Test
    void yolov5sDynamicSizesAndBatch() throws Exception {
        try (YoloNetwork model = OnnxFixtures.yolov5sSeeded()) {
            checkDynamic("yolov5s", model);
        }
    }

    private static void checkStatic(String name, YoloNetwork model, int h, int w) throws Exception {
        byte[] onnx = OnnxExport.toBytes(model, java.util.List.of(), new OnnxExportOptions(12, false, h, w));
        float[] x = OnnxFixtures.images(1, h, w);
        OnnxFixtures.assertClose(name + " static " + h + "x" + w + ", onnxruntime", model.predict(x, 1, h, w),
                run(onnx, x, 1, h, w), model.rowLength());
    }

    /** One session of the dynamic graph at several sizes and batches, as the onnxruntime engine uses it. */
    private static void checkDynamic(String name, YoloNetwork model) throws Exception {
        try (OrtNetwork ort = OrtNetwork.of(model, 1)) {
            for (int[] s : new int[][] {{1, 640, 480}, {2, 320, 256}, {1, 256, 416}}) {
                float[] x = OnnxFixtures.images(s[0], s[1], s[2]);
                OnnxFixtures.assertClose(name + " dynamic " + s[0] + "x" + s[1] + "x" + s[2] + ", onnxruntime",
                        model.predict(x, s[0], s[1], s[2]), ort.predict(x, s[0], s[1], s[2]), model.rowLength());
            }
        }
    }

    static float[] run(byte[] onnx, float[] x, int n, int h, int w) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 3, h, w});
                OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, input))) {
            FloatBuffer out = ((OnnxTensor) r.get(OnnxExport.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }
}
