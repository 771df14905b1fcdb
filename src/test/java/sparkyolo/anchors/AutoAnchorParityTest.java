package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparkyolo.random.GlobalRandom;

/**
 * AutoAnchor on coco128 at --img 320 against the original's own code (check_anchors and
 * kmean_anchors of YOLOv5 v6.2 run by src/test/python/autoanchor_reference.py) for seeds 0-9:
 * the same seed gives the same draws, k-means centroids, BPRs, fitness and float32 anchors, to the
 * bit. The evolved float64 anchors may differ in their last bits: numpy's normals take a log from
 * the C library, and glibc's log and Java's Math.log round about 1 in 1200 arguments differently
 * (one such difference reaches an anchor of seed 4, as 1 ulp).
 */
class AutoAnchorParityTest {
    private static final Logger LOG = LogManager.getLogger(AutoAnchorParityTest.class);
    private static final double[][] DEFAULT_ANCHORS = AutoAnchorCoco128Test.DEFAULT_ANCHORS;
    private static final double[] STRIDES = AutoAnchorCoco128Test.STRIDES;
    private static final int IMG = 320;
    private static final double ANCHOR_T = 4.0;

    private static JsonNode reference() throws IOException {
        try (InputStream in = AutoAnchorParityTest.class.getResourceAsStream("/anchors/coco128-autoanchor.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> checkAnchorsSeeds() throws IOException {
        return bySeed(reference().get("check_anchors"));
    }

    private static Stream<Arguments> bySeed(JsonNode runs) {
        List<Arguments> all = new ArrayList<>();
        runs.forEach(r -> all.add(Arguments.of(r.get("seed").asLong(), r)));
        return all.stream();
    }

    @Test
    void datasetIsTheOriginals() throws IOException {
        JsonNode dataset = reference().get("dataset");
        Coco128Labels ours = Coco128Labels.load();
        assertEquals(dataset.get("shapes").size(), ours.shapes().length);
        for (int i = 0; i < ours.shapes().length; i++) {
            assertArrayEquals(doubles(dataset.get("shapes").get(i)), ours.shapes()[i], "image " + i);
            JsonNode labels = dataset.get("label_wh").get(i);
            assertEquals(labels.size(), ours.labelWh()[i].length, "labels of image " + i);
            for (int j = 0; j < labels.size(); j++) {
                assertArrayEquals(doubles(labels.get(j)), ours.labelWh()[i][j], "image " + i + " label " + j);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("checkAnchorsSeeds")
    void kmeansCentroidsAreTheOriginals(long seed, JsonNode expected) throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        GlobalRandom rng = GlobalRandom.seeded(seed);
        data.augmentedWh(IMG, rng.numpy()); // check_anchors' draws come first
        double[][] wh = KMeansAnchors.usableLabels(data.pixelWh(IMG));
        double[][] centroids = KMeansAnchors.initialAnchors(wh, 9, IMG, rng.numpy());
        assertAnchors(expected.get("kmeans").get("anchors"), centroids, "k-means");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("checkAnchorsSeeds")
    void checkAnchorsIsTheOriginals(long seed, JsonNode expected) throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        AutoAnchorReport report = AutoAnchor.run(data, DEFAULT_ANCHORS, STRIDES, IMG, ANCHOR_T, GlobalRandom.seeded(seed));
        assertEquals(expected.get("bpr_before").asDouble(), report.before().bpr(), 0.0, "BPR before");
        assertEquals(expected.get("aat_before").asDouble(), report.before().aat(), 0.0, "anchors/target before");
        assertEquals(expected.get("bpr_after").asDouble(), report.after().bpr(), 0.0, "BPR after");
        assertEquals(expected.get("aat_after").asDouble(), report.after().aat(), 0.0, "anchors/target after");
        assertTrue(report.replaced());
        // The evolved anchors dealt to the levels as the original's view_as deals them.
        assertEvolved(expected.get("anchors"), AnchorLevels.flatten(report.anchors()));
        JsonNode model = expected.get("model_anchors");
        for (int level = 0; level < 3; level++) {
            for (int i = 0; i < 6; i++) {
                assertEquals((float) model.get(level).get(i).asDouble(), (float) report.anchors()[level][i], 0f,
                        "model anchors, level " + level);
            }
        }
    }

    /**
     * kmean_anchors alone for seeds 0-9: the original's anchors and fitness; logs the fitness and
     * BPR of each seed, ours against the original's, the figures the original was compared by.
     */
    @Test
    void kmeanAnchorsOverTenSeedsIsTheOriginals() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        float[][] all = KMeansAnchors.toFloat32(data.pixelWh(IMG));
        StringBuilder table = new StringBuilder("kmean_anchors on coco128 at 320: seed, fitness and BPR, ours | original");
        double sum = 0;
        for (JsonNode expected : reference().get("kmean_anchors")) {
            long seed = expected.get("seed").asLong();
            double[][] anchors = KMeansAnchors.evolve(data, 9, IMG, ANCHOR_T, KMeansAnchors.DEFAULT_GENERATIONS,
                    GlobalRandom.seeded(seed));
            double f = fitness(data, anchors);
            double bpr = AnchorStats.of(all, anchors, ANCHOR_T, Precision.FLOAT64).bpr();
            table.append(String.format(Locale.ROOT, "%n%d  %.4f %.4f | %.4f %.4f", seed, f, bpr,
                    expected.get("fitness").asDouble(), expected.get("bpr").asDouble()));
            assertEvolved(expected.get("anchors"), anchors);
            assertEquals(expected.get("fitness").asDouble(), f, 0.0, "fitness, seed " + seed);
            assertEquals(expected.get("bpr").asDouble(), bpr, 0.0, "BPR, seed " + seed);
            sum += f;
        }
        LOG.info(table);
        assertTrue(sum / 10 >= 0.658, "mean fitness " + sum / 10);
    }

    private static double fitness(AnchorDataset data, double[][] anchors) {
        return AnchorEvolution.fitness(KMeansAnchors.toFloat32(KMeansAnchors.usableLabels(data.pixelWh(IMG))),
                anchors, ANCHOR_T);
    }

    /** Equal in float32 (what the model keeps); in float64 within a few ulps (see the class comment). */
    private static void assertEvolved(JsonNode expected, double[][] actual) {
        assertEquals(expected.size(), actual.length);
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < 2; j++) {
                double e = expected.get(i).get(j).asDouble();
                assertEquals((float) e, (float) actual[i][j], 0f, "evolved anchor " + i + " in float32");
                assertEquals(e, actual[i][j], 4 * Math.ulp(e), "evolved anchor " + i);
            }
        }
    }

    private static void assertAnchors(JsonNode expected, double[][] actual, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int i = 0; i < actual.length; i++) {
            assertArrayEquals(doubles(expected.get(i)), actual[i], what + " anchor " + i);
        }
    }

    private static double[] doubles(JsonNode row) {
        double[] v = new double[row.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = row.get(i).asDouble();
        }
        return v;
    }
}
