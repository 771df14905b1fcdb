package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/**
 * {@code val} on a small dataset seeded with bad items: the run completes, skips a truncated
 * image and bad label lines, and reports each with its file (and line).
 */
class ValCommandTest {
    static final List<String> IMAGES = List.of("000000000009", "000000000025", "000000000030", "000000000034",
            "000000000036", "000000000042");

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void dataset() throws Exception {
        TestSpark.session();
        Path coco = SharedFixtures.coco128();
        Path images = Files.createDirectories(tmp.resolve("ds/images/val"));
        Path labels = Files.createDirectories(tmp.resolve("ds/labels/val"));
        for (String id : IMAGES) {
            Files.copy(coco.resolve("images/train2017/" + id + ".jpg"), images.resolve(id + ".jpg"));
            Files.copy(coco.resolve("labels/train2017/" + id + ".txt"), labels.resolve(id + ".txt"));
        }
        byte[] jpeg = Files.readAllBytes(images.resolve("000000000042.jpg"));
        Files.write(images.resolve("000000000042.jpg"), Arrays.copyOf(jpeg, jpeg.length - 4000));
        Files.writeString(labels.resolve("000000000025.txt"),
                Files.readString(labels.resolve("000000000025.txt")) + "99 0.5 0.5 0.1 0.1\n0 1.2 0.5 0.1 0.1\n");
        Files.delete(labels.resolve("000000000036.txt"));
        String yaml = Files.readString(coco.resolve("coco128.yaml"))
                .replace("train: images/train2017", "train: images/val").replace("val: images/train2017", "val: images/val");
        data = tmp.resolve("ds/data.yaml");
        Files.writeString(data, yaml);
    }

    @Test
    void skipsAndReportsBadItemsAndStillComputesMetrics() throws Exception {
        Path project = tmp.resolve("runs");
        int code = Main.execute("val", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--data",
                data.toString(), "--img", "320", "--batch-size", "2", "--project", project.toString(), "--save-json");
        assertEquals(0, code);
        JsonNode m = new ObjectMapper().readTree(project.resolve("exp/metrics.json").toFile());
        assertEquals(5, m.get("images").asInt(), "the truncated image is skipped");
        JsonNode skipped = m.get("skipped_images");
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).asText().contains("000000000042.jpg"), skipped.toString());
        JsonNode problems = m.get("label_problems");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).asText().contains("000000000025.txt:3") && problems.get(0).asText().contains("class"),
                problems.toString());
        assertTrue(problems.get(1).asText().contains("000000000025.txt:4"), problems.toString());
        double map = m.get("mAP50-95").asDouble();
        assertTrue(map > 0.1 && map <= 1, "metrics computed on the good items: " + map);
        assertTrue(m.get("per_class").size() > 0);
        JsonNode predictions = new ObjectMapper().readTree(project.resolve("exp/predictions.json").toFile());
        assertTrue(predictions.size() > 0);
        for (JsonNode p : predictions) {
            assertTrue(p.get("image_id").asLong() != 42, "no predictions for the skipped image");
        }
    }
}
