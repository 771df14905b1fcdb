package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
        // 894 of 929 labels recalled at 320, 924 at 640.
        AnchorDataset data = Coco128Labels.dataset();
        double[][] anchors = AnchorLevels.flatten(DEFAULT_ANCHORS);
        assertEquals(894.0 / 929, AnchorStats.of(data.pixelWh(320), anchors, ANCHOR_T).bpr(), 1e-12);
        assertEquals(924.0 / 929, AnchorStats.of(data.pixelWh(640), anchors, ANCHOR_T).bpr(), 1e-12);
    }

    @Test
    void bprAt320IsNearTheOriginalsAndPoor() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        for (long seed = 0; seed < 5; seed++) {
            AnchorStats stats = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, new Random(seed));
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
            AnchorStats at320 = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, new Random(seed));
            AnchorStats at640 = AutoAnchor.check(data, DEFAULT_ANCHORS, 640, ANCHOR_T, new Random(seed));
            assertTrue(at640.bpr() > at320.bpr(), "seed " + seed);
            assertTrue(at640.goodFit(), "640 BPR " + at640.bpr());
            assertEquals(bprByFormula(640, seed), at640.bpr(), 1e-12);
        }
    }

    @Test
    void checkIsDeterministicForASeed() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        AnchorStats a = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, new Random(7));
        AnchorStats b = AutoAnchor.check(data, DEFAULT_ANCHORS, 320, ANCHOR_T, new Random(7));
        assertEquals(a, b);
        assertEquals(bprByFormula(320, 7), a.bpr(), 1e-12);
    }

    @Test
    void runAt320AdoptsEvolvedAnchorsWithHigherBpr() throws IOException {
        AnchorDataset data = Coco128Labels.dataset();
        AutoAnchorReport report = AutoAnchor.run(data, DEFAULT_ANCHORS, STRIDES, 320, ANCHOR_T, new Random(0));
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
        AutoAnchorReport report = AutoAnchor.run(data, DEFAULT_ANCHORS, STRIDES, 640, ANCHOR_T, new Random(0));
        assertFalse(report.replaced());
        assertNull(report.after());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(DEFAULT_ANCHORS[i], report.anchors()[i]);
        }
        assertTrue(report.messages().get(0).endsWith("Current anchors are a good fit to dataset"));
    }

    /**
     * The BPR written out from check_anchors' formulas on the raw labels: each image's long side
     * scaled to imgSize times uniform(0.9, 1.1) (one draw per image, in order), label wh times that
     * shape, best min(r, 1/r) over anchors above 1/anchor_t.
     */
    private static double bprByFormula(int imgSize, long seed) throws IOException {
        Coco128Labels coco = Coco128Labels.load();
        Random rng = new Random(seed);
        double[][] anchors = AnchorLevels.flatten(DEFAULT_ANCHORS);
        int labels = 0;
        int recalled = 0;
        for (int i = 0; i < coco.shapes().length; i++) {
            double w = coco.shapes()[i][0];
            double h = coco.shapes()[i][1];
            double scale = imgSize / Math.max(w, h) * (0.9 + 0.2 * rng.nextDouble());
            for (double[] label : coco.labelWh()[i]) {
                double best = 0;
                for (double[] a : anchors) {
                    double rw = label[0] * w * scale / a[0];
                    double rh = label[1] * h * scale / a[1];
                    best = Math.max(best, Math.min(Math.min(rw, 1 / rw), Math.min(rh, 1 / rh)));
                }
                labels++;
                recalled += best > 1 / ANCHOR_T ? 1 : 0;
            }
        }
        return (double) recalled / labels;
    }
}
