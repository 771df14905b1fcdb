package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import sparkyolo.random.GlobalRandom;
import sparkyolo.random.NumpyRandomState;

/** AutoAnchor on coco128 with YOLOv5's default anchors, against the values the original's formulas give. */
class AutoAnchorCoco128Test {
    static final double[][] DEFAULT_ANCHORS = {
        {10, 13, 16, 30, 33, 23},
        {30, 61, 62, 45, 59, 119},
        {116, 90, 156, 198, 373, 326},
    };
    static final double[] STRIDES = {8, 16, 32};
    static final double ANCHOR_T = 4.0;

    @Test
    void datasetHasCoco128sLabels() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        assertEquals(128, data.images());
        assertEquals(929, data.labels());
    }

    @Test
    void unaugmentedBprMatchesNumpyReference() throws IOException {
        // The original's metric evaluated with numpy on the same labels, without the random scale:
        // 894 of 929 labels recalled at 320, 924 at 640 (a float32 share, as the original's mean).
        AnchorDataset data = Coco128Labels.dataset();
        double[][] anchors = AnchorLevels.flatten(DEFAULT_ANCHORS);
        assertEquals(894f / 929, AnchorStats.of(KMeansAnchors.toFloat32(data.pixelWh(320)), anchors, ANCHOR_T,
                Precision.FLOAT32).bpr(), 0.0);
        assertEquals(924f / 929, AnchorStats.of(KMeansAnchors.toFloat32(data.pixelWh(640)), anchors, ANCHOR_T,
                Precision.FLOAT32).bpr(), 0.0);
    }

    @Test
    void bprAt320IsNearTheOriginalsAndPoor() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        for (long seed = 0; seed < 5; seed++) {
            AnchorStats stats = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, GlobalRandom.seeded(seed));
            assertEquals(0.957, stats.bpr(), 0.01, "seed " + seed);
            assertFalse(stats.goodFit());
            assertTrue(stats.aat() > 3.5 && stats.aat() < 4.5, "aat " + stats.aat());
            assertTrue(stats.message().endsWith("Anchors are a poor fit to dataset, attempting to improve..."),
                    stats.message());
        }
    }

    @Test
    void bprAt640IsHigherAndGood() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        for (long seed = 0; seed < 5; seed++) {
            AnchorStats at320 = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, GlobalRandom.seeded(seed));
            AnchorStats at640 = AutoAnchor.check(data, DEFAULT_ANCHORS, 640, ANCHOR_T, GlobalRandom.seeded(seed));
            assertTrue(at640.bpr() > at320.bpr(), "seed " + seed);
            assertTrue(at640.goodFit(), "640 BPR " + at640.bpr());
            assertEquals(bprByFormula(640, seed), at640.bpr(), 0.0);
        }
    }

    @Test
    void checkIsDeterministicForASeed() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        AnchorStats a = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, GlobalRandom.seeded(7));
        AnchorStats b = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, GlobalRandom.seeded(7));
        assertEquals(a, b);
        assertEquals(bprByFormula(320, 7), a.bpr(), 0.0);
    }

    @Test
    void runAt320AdoptsEvolvedAnchorsWithHigherBpr() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        AutoAnchorReport report = AutoAnchor.run(data, DEFAULT_ANCHORS, STRIDES, 320, ANCHOR_T, GlobalRandom.seeded(0));
        assertTrue(report.replaced());
        assertTrue(report.after().bpr() > report.before().bpr(),
                report.before().bpr() + " -> " + report.after().bpr());
        double[][] anchors = report.anchors();
        assertEquals(3, anchors.length);
        double previousArea = 0;
        for (double[] level : anchors) {
            assertEquals(6, level.length);
            for (int a = 0; a < 3; a++) {
                double area = level[2 * a] * level[2 * a + 1];
                assertTrue(area >= previousArea, "anchors ascend in area from stride 8 to 32");
                previousArea = area;
            }
        }
        assertTrue(report.messages().get(0).contains("Best Possible Recall (BPR)"));
        assertTrue(report.messages().get(report.messages().size() - 1).startsWith("Done (optional"));
    }

    @Test
    void runAt640KeepsTheGoodAnchors() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        AutoAnchorReport report = AutoAnchor.run(data, DEFAULT_ANCHORS, STRIDES, 640, ANCHOR_T, GlobalRandom.seeded(0));
        assertFalse(report.replaced());
        assertNull(report.after());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(DEFAULT_ANCHORS[i], report.anchors()[i]);
        }
        assertTrue(report.messages().get(0).endsWith("Current anchors are a good fit to dataset"));
    }

    /**
     * The BPR written out from check_anchors' formulas on the raw labels: each image's long side
     * scaled to imgSize times numpy's uniform(0.9, 1.1) (one draw per image, in order), label wh
     * times that shape in float32, best min(r, 1/r) over anchors above 1/anchor_t in float32.
     */
    private static double bprByFormula(int imgSize, long seed) throws IOException {
        Coco128Labels coco = Coco128Labels.load();
        NumpyRandomState rng = new NumpyRandomState(seed);
        double[][] anchors = AnchorLevels.flatten(DEFAULT_ANCHORS);
        int labels = 0;
        int recalled = 0;
        for (int i = 0; i < coco.shapes().length; i++) {
            double w = coco.shapes()[i][0];
            double h = coco.shapes()[i][1];
            double scale = rng.uniform(0.9, 1.1);
            double sw = imgSize * w / Math.max(w, h) * scale;
            double sh = imgSize * h / Math.max(w, h) * scale;
            for (double[] label : coco.labelWh()[i]) {
                float lw = (float) (label[0] * sw);
                float lh = (float) (label[1] * sh);
                float best = 0;
                for (double[] a : anchors) {
                    float rw = lw / (float) a[0];
                    float rh = lh / (float) a[1];
                    best = Math.max(best, Math.min(Math.min(rw, 1 / rw), Math.min(rh, 1 / rh)));
                }
                labels++;
                recalled += best > 1 / (float) ANCHOR_T ? 1 : 0;
            }
        }
        return (float) recalled / labels;
    }
}
