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
import sparkyolo.testing.TestSpark;

/** {@code prepare} from the command line on the bundled sample, and a bad option. */
class PrepareCommandTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void spark() {
        TestSpark.session();
    }

    @Test
    void preparesTheBundledSample() throws Exception {
        Path out = tmp.resolve("prepared");
        assertEquals(0, Main.execute("prepare", "--source", "data/coco-sample/coco-sample.yaml", "--output",
                out.toString(), "--rows-per-file", "8"));
        assertTrue(Files.exists(out.resolve("dataset.yaml")));
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(report.toString().contains("IN_SEVERAL_SPLITS"), "train = val in the sample: " + report);
        try (var files = Files.list(out.resolve("train"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".parquet")).count(), "16 images, 8 per file");
        }
    }

    @Test
    void badOptionsExitWithTwo() {
        assertEquals(2, Main.execute("prepare", "--source", "data/coco-sample/coco-sample.yaml", "--output",
                tmp.resolve("x").toString(), "--split", "0.9,0.9"));
        assertEquals(2, Main.execute("prepare", "--format", "kitti", "--source", "a", "--output", tmp.resolve("y").toString()));
    }
}
