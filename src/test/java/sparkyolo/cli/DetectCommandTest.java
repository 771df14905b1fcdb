package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.detect.DetectJob;
import sparkyolo.detect.DetectOptions;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.detect.ImageDetections;
import sparkyolo.detect.NmsOptions;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;
import sparkyolo.weights.Weights;

/** {@code detect} as a user runs it: a folder with good and damaged images, all outputs. */
class DetectCommandTest {
    @TempDir
    static Path tmp;
    static Path source;
    static String weights;

    @BeforeAll
    static void setUp() throws Exception {
        TestSpark.session();
        OpenCv.ensureLoaded();
        weights = SharedFixtures.parity("yolov5n.pt").toString();
        source = Files.createDirectories(tmp.resolve("images"));
        for (String s : List.of("bus.jpg", "zidane.jpg")) {
            Files.copy(SharedFixtures.shared().resolve("datasets/samples").resolve(s), source.resolve(s));
        }
        byte[] jpeg = Files.readAllBytes(source.resolve("bus.jpg"));
        Files.write(source.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.write(source.resolve("empty.jpg"), new byte[0]);
    }

    @Test
    void writesAnnotatedImagesLabelsAndJsonAndSkipsDamagedImages() throws Exception {
        Path project = tmp.resolve("runs");
        int code = Main.execute("detect", "--weights", weights, "--source", source.toString(), "--img", "640",
                "--save-txt", "--save-conf", "--save-json", "--project", project.toString());
        assertEquals(0, code);
        Path run = project.resolve("exp");
        Mat bus = Imgcodecs.imread(run.resolve("bus.jpg").toString());
        Mat original = Imgcodecs.imread(source.resolve("bus.jpg").toString());
        assertEquals(original.size(), bus.size(), "annotated image keeps the original size");
        assertFalse(Files.exists(run.resolve("truncated.jpg")));
        List<String> lines = Files.readAllLines(run.resolve("labels/bus.txt"));
        assertFalse(lines.isEmpty());
        JsonNode json = new ObjectMapper().readTree(run.resolve("predictions.json").toFile());
        long busEntries = 0;
        for (JsonNode e : json) {
            if (e.get("file").asText().endsWith("bus.jpg")) {
                busEntries++;
                double x = e.get("bbox").get(0).asDouble();
                double w = e.get("bbox").get(2).asDouble();
                assertTrue(x >= 0 && x + w <= original.cols() + 1e-3, "box inside the image: " + e);
            }
        }
        assertEquals(lines.size(), busEntries, "txt and json hold the same detections");
        for (String line : lines) {
            String[] f = line.split(" ");
            assertEquals(6, f.length, "cls cx cy w h conf: " + line);
            for (int i = 1; i < 5; i++) {
                double v = Double.parseDouble(f[i]);
                assertTrue(v >= 0 && v <= 1, "normalized: " + line);
            }
        }
        // a second run goes to exp2, as the original's increment_path
        assertEquals(0, Main.execute("detect", "--weights", weights, "--source", source.resolve("zidane.jpg").toString(),
                "--project", project.toString(), "--nosave", "--save-txt"));
        assertTrue(Files.exists(project.resolve("exp2/labels/zidane.txt")));
        assertFalse(Files.exists(project.resolve("exp2/zidane.jpg")), "--nosave writes no image");
    }

    @Test
    void countsAndNamesSkippedImages() throws Exception {
        var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        List<String> images = sparkyolo.data.ImageFiles.list(files, source.toString());
        assertEquals(4, images.size());
        DetectJob.Summary s = DetectJob.run(TestSpark.session(), Weights.load(files, weights, null),
                images.stream().map(sparkyolo.data.ImageRef::file).toList(),
                new DetectOptions(320, NmsOptions.defaults(), false, false, false, InferenceEngine.pytorch),
                files.qualify(tmp.resolve("counts").toString()), false);
        assertEquals(2, s.failed());
        List<String> errors = s.results().stream().filter(r -> !r.ok()).map(ImageDetections::error).sorted().toList();
        assertTrue(errors.get(0).contains("empty.jpg") && errors.get(0).contains("empty"), errors.get(0));
        assertTrue(errors.get(1).contains("truncated.jpg") && errors.get(1).toLowerCase().contains("truncated"), errors.get(1));
        assertTrue(s.detections() > 0);
    }
}
