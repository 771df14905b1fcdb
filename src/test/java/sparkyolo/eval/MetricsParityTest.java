package sparkyolo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.SharedFixtures;

/** {@link DetectionMatcher} and {@link ApPerClass} against the original's results in metrics.json. */
class MetricsParityTest {
    private static final double TOL = 1e-9;
    private static JsonNode root;

    @BeforeAll
    static void load() throws IOException {
        root = new ObjectMapper().readTree(SharedFixtures.parity("metrics.json").toFile());
    }

    @Test
    void iouThresholdsAreTheFloat32Linspace() {
        JsonNode t = root.get("iou_thresholds");
        assertEquals(DetectionMatcher.IOU_THRESHOLDS.length, t.size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.get(i).asDouble(), DetectionMatcher.IOU_THRESHOLDS[i], 0.0);
        }
    }

    @Test
    void correctMatricesMatchPerImage() {
        for (JsonNode image : root.get("images")) {
            boolean[][] got = DetectionMatcher.correct(floats(image.get("predictions_x1y1x2y2_conf_cls")),
                    floats(image.get("ground_truth_cls_x1y1x2y2")));
            JsonNode want = image.get("correct_matrix_iou_0.50_to_0.95");
            assertEquals(want.size(), got.length);
            for (int i = 0; i < got.length; i++) {
                for (int t = 0; t < got[i].length; t++) {
                    assertEquals(want.get(i).get(t).asInt() == 1, got[i][t],
                            "image " + image.get("image_index").asText() + " prediction " + i + " threshold " + t);
                }
            }
        }
    }

    @Test
    void apPerClassAndSummaryMatch() {
        List<boolean[]> tp = new ArrayList<>();
        List<Double> conf = new ArrayList<>();
        List<Integer> predCls = new ArrayList<>();
        List<Integer> targetCls = new ArrayList<>();
        for (JsonNode image : root.get("images")) {
            float[][] pred = floats(image.get("predictions_x1y1x2y2_conf_cls"));
            float[][] gt = floats(image.get("ground_truth_cls_x1y1x2y2"));
            boolean[][] correct = DetectionMatcher.correct(pred, gt);
            for (int i = 0; i < pred.length; i++) {
                tp.add(correct[i]);
                conf.add((double) pred[i][4]);
                predCls.add((int) pred[i][5]);
            }
            for (float[] g : gt) {
                targetCls.add((int) g[0]);
            }
        }
        ApResult r = ApPerClass.compute(tp.toArray(boolean[][]::new),
                conf.stream().mapToDouble(Double::doubleValue).toArray(),
                predCls.stream().mapToInt(Integer::intValue).toArray(),
                targetCls.stream().mapToInt(Integer::intValue).toArray());

        JsonNode want = root.get("ap_per_class");
        assertArrayEquals(ints(want.get("classes")), r.classes());
        assertArrayEquals(doubles(want.get("tp")), r.tp(), TOL);
        assertArrayEquals(doubles(want.get("fp")), r.fp(), TOL);
        assertArrayEquals(doubles(want.get("precision")), r.precision(), TOL);
        assertArrayEquals(doubles(want.get("recall")), r.recall(), TOL);
        assertArrayEquals(doubles(want.get("f1")), r.f1(), TOL);
        JsonNode apMatrix = want.get("ap_matrix_class_by_iou");
        assertEquals(apMatrix.size(), r.ap().length);
        for (int c = 0; c < r.ap().length; c++) {
            assertArrayEquals(doubles(apMatrix.get(c)), r.ap()[c], TOL, "class row " + c);
        }
        assertArrayEquals(doubles(want.get("ap50")), r.ap50(), TOL);
        assertArrayEquals(doubles(want.get("ap50_95")), r.ap50To95(), TOL);

        JsonNode summary = root.get("summary");
        assertEquals(summary.get("mp").asDouble(), r.meanPrecision(), TOL);
        assertEquals(summary.get("mr").asDouble(), r.meanRecall(), TOL);
        assertEquals(summary.get("map50").asDouble(), r.map50(), TOL);
        assertEquals(summary.get("map50_95").asDouble(), r.map50To95(), TOL);
    }

    private static float[][] floats(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            out[i] = new float[row.size()];
            for (int k = 0; k < row.size(); k++) {
                out[i][k] = (float) row.get(k).asDouble();
            }
        }
        return out;
    }

    private static double[] doubles(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asInt();
        }
        return out;
    }
}
