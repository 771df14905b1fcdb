package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkyolo.data.ImageRecord;
import sparkyolo.random.GlobalRandom;

class AutoAnchorEdgeCasesTest {
    private static final double[][] ANCHORS = AutoAnchorCoco128Test.DEFAULT_ANCHORS;
    private static final double[] STRIDES = AutoAnchorCoco128Test.STRIDES;

    @Test
    void tinyLabelsKeepTheModelsAnchors() {
        // One 640x640 image whose 20 labels are 1 pixel square: no anchor fits, and the random
        // anchors the original falls back to fit no better.
        double[][][] wh = new double[1][20][];
        for (int i = 0; i < 20; i++) {
            wh[0][i] = new double[] {1.0 / 640, 1.0 / 640};
        }
        AnchorDataset data = AnchorDataset.of(new double[][] {{640, 640}}, wh);
        AutoAnchorReport report = AutoAnchor.run(data, ANCHORS, STRIDES, 640, 4.0, 10, GlobalRandom.seeded(0));
        assertEquals(0.0, report.before().bpr());
        assertFalse(report.replaced());
        assertEquals(0.0, report.after().bpr());
        for (int i = 0; i < ANCHORS.length; i++) {
            assertArrayEquals(ANCHORS[i], report.anchors()[i]);
        }
        List<String> messages = report.messages();
        assertEquals(2, messages.size(), messages.toString());
        assertEquals("Done (original anchors better than new anchors, proceeding with original anchors)", messages.get(1));
    }

    @Test
    void noLabelsAtAllIsAClearError() {
        AnchorDataset data = AnchorDataset.of(new double[][] {{640, 480}}, new double[][][] {{}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoAnchor.check(data, ANCHORS, 640, 4.0, GlobalRandom.seeded(0)));
        assertTrue(e.getMessage().contains("no labels"), e.getMessage());
    }

    @Test
    void recordsWithErrorsAreLeftOut() {
        List<ImageRecord> records = List.of(
                new ImageRecord(0, "a.jpg", 480, 640, new float[][] {{0, 0.5f, 0.5f, 0.1f, 0.2f}}, List.of(), null),
                new ImageRecord(1, "b.jpg", 0, 0, new float[0][], List.of(), "b.jpg: not an image"));
        AnchorDataset data = AnchorDataset.fromRecords(records);
        assertEquals(1, data.images());
        // 640x480 at img_size 320 is 320x240: the label is 32x48 pixels.
        double[][] wh = data.pixelWh(320);
        assertEquals(32, wh[0][0], 1e-4);
        assertEquals(48, wh[0][1], 1e-4);
    }

    @Test
    void mismatchedStridesAreRefused() {
        AnchorDataset data = AnchorDataset.of(new double[][] {{640, 640}}, new double[][][] {{{0.1, 0.1}}});
        assertThrows(IllegalArgumentException.class,
                () -> AutoAnchor.run(data, ANCHORS, new double[] {8, 16}, 640, 4.0, 10, GlobalRandom.seeded(0)));
    }
}
