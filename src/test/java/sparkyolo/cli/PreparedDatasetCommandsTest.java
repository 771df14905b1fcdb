package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;
import sparkyolo.testing.TrainingStates;

/**
 * coco128 prepared as Parquet (source bytes kept) and used by val, train and detect: each gives
 * exactly what it gives on the source files, and val gives the original YOLOv5's metrics.
 */
class PreparedDatasetCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static String raw;
    static String prepared;
    static String weights;

    @BeforeAll
    static void prepare() {
        TestSpark.session();
        raw = SharedFixtures.coco128().resolve("coco128.yaml").toString();
        weights = SharedFixtures.parity("yolov5n.pt").toString();
        // 50 rows per file: each split in 3 files, each file's image column in pages of about 1 MB.
        assertEquals(0, Main.execute("prepare", "--source", raw, "--output", tmp.resolve("prepared").toString(),
                "--rows-per-file", "50"));
        prepared = tmp.resolve("prepared/dataset.yaml").toString();
    }

    @Test
    void valGivesTheMetricsAndPredictionsOfTheSourceFiles() throws Exception {
        String project = tmp.resolve("val").toString();
        for (String[] run : List.of(new String[] {"files", raw}, new String[] {"parquet", prepared})) {
            assertEquals(0, Main.execute("val", "--weights", weights, "--data", run[1], "--img", "640", "--batch-size",
                    "16", "--save-json", "--project", project, "--name", run[0]));
        }
        ObjectNode files = (ObjectNode) JSON.readTree(tmp.resolve("val/files/metrics.json").toFile());
        ObjectNode parquet = (ObjectNode) JSON.readTree(tmp.resolve("val/parquet/metrics.json").toFile());
        // The original YOLOv5's result on coco128 (val.py --img 640 --batch-size 16).
        assertEquals(0.624, parquet.get("P").asDouble(), 0.003);
        assertEquals(0.489, parquet.get("R").asDouble(), 0.003);
        assertEquals(0.549, parquet.get("mAP50").asDouble(), 0.003);
        assertEquals(0.348, parquet.get("mAP50-95").asDouble(), 0.003);
        assertEquals(128, parquet.get("images").asInt());
        files.remove("seconds");
        parquet.remove("seconds");
        assertEquals(files, parquet, "every metric, per class too");
        JsonNode predictions = JSON.readTree(tmp.resolve("val/parquet/predictions.json").toFile());
        assertTrue(predictions.size() > 1000, "predictions: " + predictions.size());
        assertEquals(JSON.readTree(tmp.resolve("val/files/predictions.json").toFile()), predictions,
                "the same boxes and scores for every image");
    }

    @Test
    void trainingsFirstEpochIsTheSame() throws Exception {
        String project = tmp.resolve("train").toString();
        for (String[] run : List.of(new String[] {"files", raw}, new String[] {"parquet", prepared})) {
            assertEquals(0, Main.execute("train", "--data", run[1], "--epochs", "1", "--img", "128", "--batch-size",
                    "16", "--workers", "2", "--hyp", TrainingStates.FROZEN_LR_HYP, "--noval", "--noplots", "--project",
                    project, "--name", run[0]));
        }
        List<String> files = Files.readAllLines(tmp.resolve("train/files/results.csv"));
        List<String> parquet = Files.readAllLines(tmp.resolve("train/parquet/results.csv"));
        assertEquals(2, parquet.size(), "header + epoch 0");
        assertEquals(files.get(0), parquet.get(0));
        String[] a = files.get(1).split(",");
        String[] b = parquet.get(1).split(",");
        for (int col = 1; col < a.length; col++) {
            double x = Double.parseDouble(a[col].trim());
            assertTrue(Double.isFinite(x), files.get(1));
            assertEquals(x, Double.parseDouble(b[col].trim()), 1e-4 * Math.abs(x), files.get(0).split(",")[col].trim());
        }
        assertTrue(Double.parseDouble(b[1].trim()) > 0, parquet.get(1));
        // The same images and labels in the same order: the same gradients in every momentum buffer.
        TrainingStates.assertSame(tmp.resolve("train/files/weights/last.npz"),
                tmp.resolve("train/parquet/weights/last.npz"), 1e-5, "trained on the prepared dataset");
    }

    @Test
    void detectOnTheDatasetYamlFindsTheBoxesItFindsInTheFiles() throws Exception {
        String project = tmp.resolve("detect").toString();
        String images = SharedFixtures.coco128().resolve("images/train2017").toString();
        for (String[] run : List.of(new String[] {"files", images}, new String[] {"parquet", prepared})) {
            assertEquals(0, Main.execute("detect", "--weights", weights, "--source", run[1], "--img", "320",
                    "--save-txt", "--save-conf", "--save-json", "--nosave", "--project", project, "--name", run[0]));
        }
        JsonNode parquet = JSON.readTree(tmp.resolve("detect/parquet/predictions.json").toFile());
        assertTrue(parquet.size() > 300, "detections: " + parquet.size());
        assertEquals(JSON.readTree(tmp.resolve("detect/files/predictions.json").toFile()), parquet,
                "train and val hold the same 128 images: each is detected once");
        assertEquals(labelFiles(tmp.resolve("detect/files/labels")), labelFiles(tmp.resolve("detect/parquet/labels")));
        assertEquals(2, Main.execute("detect", "--weights", weights, "--source", images, "--split", "val",
                "--project", project), "--split needs a dataset YAML");
    }

    @Test
    void aPreparedDatasetWithAMissingSplitFolderIsAUserError() throws Exception {
        Path yaml = tmp.resolve("prepared/moved.yaml");
        Files.writeString(yaml, "format: parquet\npath: .\nval: moved-away\nnc: 80\n");
        assertEquals(2, Main.execute("val", "--weights", weights, "--data", yaml.toString(), "--project",
                tmp.resolve("errors").toString()));
        assertTrue(!Files.exists(tmp.resolve("errors/exp")), "no run directory for a failed scan");
    }

    private static Map<String, String> labelFiles(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list.filter(f -> f.toString().endsWith(".txt"))::iterator) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertTrue(out.size() > 100, "images with detections: " + out.size());
        return out;
    }
}
