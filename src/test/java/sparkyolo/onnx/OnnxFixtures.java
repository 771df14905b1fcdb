package sparkyolo.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageTensors;
import sparkyolo.image.Letterbox;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;
import sparkyolo.weights.Weights;

/** Models and inputs for the ONNX parity tests: real images letterboxed to exact sizes. */
final class OnnxFixtures {
    static final double TOLERANCE = 1e-4;
    static final Path SAMPLE = Path.of("data/coco-sample/images/train");

    private OnnxFixtures() {
    }

    /** The original's yolov5n.pt from ../shared (the test skips without it), fused. */
    static YoloNetwork yolov5n() throws IOException {
        YoloNetwork model = Weights.load(HadoopFiles.local(), SharedFixtures.parity("yolov5n.pt").toString(), null)
                .newModel();
        model.fuse();
        return model;
    }

    /**
     * YOLOv5s with seeded random weights, BatchNorm statistics and affine parameters drawn too, so
     * that fusing them changes every convolution; fused.
     */
    static YoloNetwork yolov5sSeeded() {
        YoloNetwork model = YoloNetwork.build(ModelSpec.load("yolov5s.yaml"), 7);
        Random random = new Random(11);
        Map<String, NpyArray> state = new LinkedHashMap<>(model.parameters().toStateDict());
        state.replaceAll((name, v) -> {
            if (!name.contains(".bn.") || name.endsWith("num_batches_tracked")) {
                return v;
            }
            float[] values = v.toFloats();
            for (int i = 0; i < values.length; i++) {
                values[i] = name.endsWith("running_var") || name.endsWith("bn.weight")
                        ? 0.5f + random.nextFloat() : (float) (0.1 * random.nextGaussian());
            }
            return NpyArray.ofFloats(values, v.shape());
        });
        model.parameters().load(state, "seeded yolov5s");
        model.fuse();
        return model;
    }

    /** {@code n} sample images letterboxed (padded, not cropped) to exactly height x width, as NCHW floats. */
    static float[] images(int n, int height, int width) throws Exception {
        OpenCv.ensureLoaded();
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLE)) {
            files = s.sorted().toList();
        }
        List<Mat> mats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = files.get(i);
            Mat image = ImageDecoder.decode(Files.readAllBytes(f), f.toString());
            mats.add(Letterbox.apply(image, height, width, Letterbox.DEFAULT_COLOR, false, false, true,
                    Letterbox.DEFAULT_STRIDE).image());
            image.release();
        }
        float[] pixels = ImageTensors.toNchwRgb(mats);
        mats.forEach(Mat::release);
        return pixels;
    }

    /**
     * Asserts two decoded outputs {@code (n, rows, rowLength)} equal within {@link #TOLERANCE}: scores
     * (objectness, classes) absolutely, box coordinates (input pixels, up to thousands) relative to
     * max(1, |value|); prints the largest differences.
     */
    static void assertClose(String what, float[] ours, float[] other, int rowLength) {
        assertEquals(ours.length, other.length, what + ": output sizes");
        double box = 0;
        double boxRelative = 0;
        double score = 0;
        for (int i = 0; i < ours.length; i++) {
            double d = Math.abs(ours[i] - other[i]);
            if (i % rowLength < 4) {
                box = Math.max(box, d);
                boxRelative = Math.max(boxRelative, d / Math.max(1.0, Math.abs(ours[i])));
            } else {
                score = Math.max(score, d);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%s: max |difference| boxes %.3g px (relative %.3g), scores %.3g "
                + "over %d values%n", what, box, boxRelative, score, ours.length);
        assertTrue(score <= TOLERANCE, what + ": scores differ by " + score);
        assertTrue(boxRelative <= TOLERANCE, what + ": box coordinates differ by " + boxRelative + " (relative)");
    }
}
