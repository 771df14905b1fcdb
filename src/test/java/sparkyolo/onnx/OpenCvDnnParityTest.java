package sparkyolo.onnx;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import sparkyolo.image.OpenCv;
import sparkyolo.model.YoloNetwork;

/** OpenCV's DNN module (the openpnp build SparkYOLO uses for images) reads the exported file and computes the same output. */
class OpenCvDnnParityTest {
    @Test
    void yolov5nStatic640() throws Exception {
        try (YoloNetwork model = OnnxFixtures.yolov5n()) {
            check("yolov5n", model, 640, 640);
        }
    }

    @Test
    void yolov5sStatic320x256() throws Exception {
        try (YoloNetwork model = OnnxFixtures.yolov5sSeeded()) {
            check("yolov5s", model, 320, 256);
        }
    }

    private static void check(String name, YoloNetwork model, int h, int w) throws Exception {
        OpenCv.ensureLoaded();
        byte[] onnx = OnnxExport.toBytes(model, List.of(), new OnnxExportOptions(12, false, h, w));
        float[] x = OnnxFixtures.images(1, h, w);
        Net net = Dnn.readNetFromONNX(new MatOfByte(onnx));
        Mat blob = new Mat(new int[] {1, 3, h, w}, CvType.CV_32F);
        blob.put(new int[] {0, 0, 0, 0}, x);
        net.setInput(blob, OnnxExport.INPUT);
        Mat out = net.forward();
        float[] values = new float[(int) out.total()];
        out.get(new int[] {0, 0, 0}, values);
        OnnxFixtures.assertClose(name + " static " + h + "x" + w + ", OpenCV DNN " + org.opencv.core.Core.VERSION,
                model.predict(x, 1, h, w), values, model.rowLength());
    }
}
