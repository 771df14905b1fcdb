package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/** {@code --engine onnxruntime} and {@code --engine pytorch} give the same detect and val results, up to float noise. */
class EngineOptionTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void spark() {
        TestSpark.session();
    }

    @Test
    void detectFindsTheSameBoxes() throws Exception {
        JsonNode torch = detect("pytorch");
        JsonNode ort = detect("onnxruntime");
        assertTrue(torch.size() > 16, "objects in the sample images: " + torch.size());
        assertEquals(torch.size(), ort.size());
        for (int i = 0; i < torch.size(); i++) {
            JsonNode t = torch.get(i);
            JsonNode o = ort.get(i);
            assertEquals(t.get("file").asText(), o.get("file").asText());
            assertEquals(t.get("category_id").asInt(), o.get("category_id").asInt(), "class of detection " + i);
            assertEquals(t.get("score").asDouble(), o.get("score").asDouble(), 1e-4, "score of detection " + i);
            for (int k = 0; k < 4; k++) {
                // predictions.json rounds boxes to 3 decimals
                assertEquals(t.get("bbox").get(k).asDouble(), o.get("bbox").get(k).asDouble(), 2e-3,
                        "box of detection " + i);
            }
        }
    }

    private static JsonNode detect(String engine) throws Exception {
        Path project = tmp.resolve("detect");
        assertEquals(0, Main.execute("detect", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--source",
                "data/coco-sample/images", "--img", "640", "--engine", engine, "--save-json", "--nosave", "--project",
                project.toString(), "--name", engine));
        return new ObjectMapper().readTree(project.resolve(engine + "/predictions.json").toFile());
    }

    /** coco128 at 640: the original's yolov5n gives P 0.624, R 0.489, mAP50 0.549, mAP50-95 0.348 on pytorch. */
    @Test
    void valMetricsOnCoco128AgreeWithin0001() throws Exception {
        JsonNode torch = val("pytorch");
        JsonNode ort = val("onnxruntime");
        for (String metric : new String[] {"P", "R", "mAP50", "mAP50-95"}) {
            System.out.printf(Locale.ROOT, "val coco128 640 %s: pytorch %.4f, onnxruntime %.4f%n", metric,
                    torch.get(metric).asDouble(), ort.get(metric).asDouble());
            assertEquals(torch.get(metric).asDouble(), ort.get(metric).asDouble(), 0.001, metric);
        }
        assertEquals(0.549, torch.get("mAP50").asDouble(), 0.003);
    }

    private static JsonNode val(String engine) throws Exception {
        Path project = tmp.resolve("val");
        assertEquals(0, Main.execute("val", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--data",
                SharedFixtures.coco128().resolve("coco128.yaml").toString(), "--img", "640", "--engine", engine,
                "--project", project.toString(), "--name", engine));
        return new ObjectMapper().readTree(project.resolve(engine + "/metrics.json").toFile());
    }
}
