package sparkyolo.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.model.YoloNetwork;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/**
 * The exported yolov5n at 640 opened by OpenCV's DNN module in Python (Debian's python3-opencv,
 * as users of the original's export run it) gives our forward's output on a fixed input. Skips
 * without /usr/bin/python3 and cv2.
 */
class PythonOpenCvParityTest {
    static final Path PYTHON = Path.of(System.getProperty("sparkyolo.python", "/usr/bin/python3"));

    @TempDir
    Path tmp;

    @Test
    void yolov5nAt640() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import cv2, numpy")) == 0,
                "skipped: no " + PYTHON + " with cv2 and numpy");
        try (YoloNetwork model = OnnxFixtures.yolov5n()) {
            Path onnx = tmp.resolve("yolov5n.onnx");
            Files.write(onnx, OnnxExport.toBytes(model, List.of(), new OnnxExportOptions(12, false, 640, 640)));
            float[] x = OnnxFixtures.images(1, 640, 640);
            try (OutputStream out = new FileOutputStream(tmp.resolve("in.npz").toFile())) {
                Npz.write(out, Map.of("images", NpyArray.ofFloats(x, 1, 3, 640, 640)), Map.of());
            }
            assertEquals(0, run(List.of(PYTHON.toString(), "src/test/python/onnx_cv2_forward.py", onnx.toString(),
                    tmp.resolve("in.npz").toString(), tmp.resolve("out.npz").toString())), "the Python script");
            Map<String, NpyArray> result = Npz.read(tmp.resolve("out.npz"));
            OnnxFixtures.assertClose("yolov5n static 640x640, Python cv2",
                    model.predict(x, 1, 640, 640), result.get("output").toFloats(), model.rowLength());
        }
    }

    private int run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).inheritIO().start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no end after 300 s: " + command);
        }
        return p.exitValue();
    }
}
