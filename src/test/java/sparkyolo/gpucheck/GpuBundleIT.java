package sparkyolo.gpucheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.engine.Engines;
import sparkyolo.testing.Scripts;
import sparkyolo.testing.SharedFixtures;

/**
 * gpu-check's bundle, assembled and run on the CPU (run.sh --quick) as a GPU machine runs it, with
 * the bundled libtorch 2.7.1 (whose folder holds DJL's JNI) in place of a JNI built there. Needs
 * DJL's and YOLOv5's repositories ({@code -Dsparkyolo.djl.src=DIR -Dsparkyolo.yolov5.src=DIR}) and
 * a Python with torch and OpenCV ({@code -Dsparkyolo.python}, default /usr/bin/python3); skipped
 * without them.
 */
class GpuBundleIT {
    private static final long TRAVEL_LIMIT = 64L << 20;

    @TempDir
    Path tmp;

    private static Path source(String property) {
        String dir = System.getProperty(property);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "skipped: -D" + property + "=DIR not given");
        return Path.of(dir);
    }

    private static Scripts.Result run(Map<String, String> env, Path log, List<String> command) throws Exception {
        Scripts.Result r = Scripts.run(env, log, Duration.ofMinutes(12), command);
        assertEquals(0, r.code(), r.output());
        return r;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    @Timeout(1500)
    void theBundleFitsAndItsHarnessRunsOnTheCpu() throws Exception {
        Path djl = source("sparkyolo.djl.src");
        Path yolov5 = source("sparkyolo.yolov5.src");
        String python = System.getProperty("sparkyolo.python", "/usr/bin/python3");
        assumeTrue(new ProcessBuilder(python, "-c", "import torch, cv2").start().waitFor() == 0,
                "skipped: " + python + " cannot import torch and cv2 (-Dsparkyolo.python)");
        Path bundle = tmp.resolve("bundle");
        run(Map.of(), tmp.resolve("bundle.log"), List.of("gpu-check/bundle.sh", "--djl-src", djl.toString(), "--yolov5-src",
                yolov5.toString(), "--shared", SharedFixtures.shared().toString(), "--out", bundle.toString()));
        assertTrue(size(bundle) < TRAVEL_LIMIT - (4L << 20), "bundle of " + size(bundle) + " bytes leaves no room for the checkout");

        // The libtorch this JVM loaded: DJL's cache folder, which holds the jar's JNI beside it.
        Path libtorch = Engines.library().dir();
        Path out = tmp.resolve("out");
        Scripts.Result r = run(Map.of("LIBTORCH", libtorch.toString(), "PYTHON", python, "WORK", tmp.resolve("work").toString(),
                "OUT", out.toString()), tmp.resolve("run.log"), List.of("bash", bundle.resolve("run.sh").toString(), "--quick"));
        assertTrue(r.output().contains("libtorch 2.7.1 cpu from " + libtorch + " (PYTORCH_LIBRARY_PATH)"), r.output());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.at("/parity/pass").asBoolean(), s.toPrettyString());
        assertTrue(s.at("/parity/worst_relative_error").asDouble() < 1e-3, s.toPrettyString());
        for (String part : new String[] {"train", "detect", "detect_coco"}) {
            assertTrue(s.at("/" + part + "/ours_images_per_s").asDouble() > 0, part + ": " + s.toPrettyString());
            assertNotNull(s.at("/" + part + "/ratio").numberValue(), part + ": " + s.toPrettyString());
        }
        // Same weights and images on the same CPU: the original's first loss, and its detections.
        assertTrue(s.at("/train/first_loss_max_relative_difference").asDouble() < 1e-4, s.toPrettyString());
        assertTrue(s.at("/detect_coco/detections_ours").asInt() > 0, s.toPrettyString());
        assertTrue(s.at("/detect_coco/same_detection_counts").asBoolean(), s.toPrettyString());
    }
}
