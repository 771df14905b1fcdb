package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/** {@code val} with the released yolov5n.pt on coco128 gives the original's metrics. */
class ValCommandTest {
    @TempDir
    static Path runs;

    @BeforeAll
    static void spark() {
        TestSpark.session();
    }

    @Test
    void reproducesTheOriginalsMetricsOnCoco128() throws Exception {
        Path weights = SharedFixtures.parity("yolov5n.pt");
        Path data = SharedFixtures.coco128().resolve("coco128.yaml");
        int code = Main.execute("val", "--weights", weights.toString(), "--data", data.toString(), "--img", "640",
                "--batch-size", "16", "--project", runs.toString(), "--name", "coco128", "--save-json");
        assertEquals(0, code);
        JsonNode m = new ObjectMapper().readTree(runs.resolve("coco128/metrics.json").toFile());
        // The original's result on this data (val.py --img 640 --batch-size 16).
        assertEquals(0.624, m.get("P").asDouble(), 0.003);
        assertEquals(0.489, m.get("R").asDouble(), 0.003);
        assertEquals(0.549, m.get("mAP50").asDouble(), 0.003);
        assertEquals(0.348, m.get("mAP50-95").asDouble(), 0.003);
        assertEquals(128, m.get("images").asInt());
        assertEquals(929, m.get("labels").asInt());
        JsonNode predictions = new ObjectMapper().readTree(runs.resolve("coco128/predictions.json").toFile());
        assertTrue(predictions.size() > 1000);
        JsonNode first = predictions.get(0);
        assertTrue(first.get("image_id").isNumber(), "numeric stems become numbers: " + first);
        assertEquals(4, first.get("bbox").size());
        assertTrue(Files.exists(runs.resolve("coco128/metrics.json")));
    }
}
