package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelBoxesTest {
    private static SourceLabels.Pixels labels(int w, int h, PixelBox... boxes) {
        return new SourceLabels.Pixels(w, h, List.of(boxes), "a.json");
    }

    @Test
    void aBoxWithNoAreaInsideIsRemovedAndAnOvershootIsClipped() {
        List<Issue> issues = new ArrayList<>();
        List<float[]> rows = PixelBoxes.normalize(labels(100, 50, new PixelBox(1, 120, 10, 150, 20, "a1"),
                new PixelBox(0, -10, 10, 30, 30, "a2"), new PixelBox(0, 10, 10, 30.0000001, 30, "a3")), 100, 50, 1, "i.jpg", issues);
        assertEquals(2, rows.size());
        assertArrayEquals(new float[] {0, 0.15f, 0.4f, 0.3f, 0.4f}, rows.get(0), 1e-6f);
        assertEquals(List.of(IssueReason.BOX_OUTSIDE_IMAGE, IssueReason.BOX_CLIPPED), issues.stream().map(Issue::reason).toList(),
                "a3's float overshoot is below the tolerance");
    }

    @Test
    void aStatedSizeThatDiffersIsNotedAndTheImageSizeUsed() {
        List<Issue> issues = new ArrayList<>();
        List<float[]> rows = PixelBoxes.normalize(labels(200, 100, new PixelBox(0, 0, 0, 50, 25, "a1")), 100, 50, 1, "i.jpg", issues);
        assertEquals(IssueReason.SIZE_MISMATCH, issues.get(0).reason());
        assertTrue(issues.get(0).detail().contains("states 200x100, the image is 100x50"), issues.get(0).detail());
        assertArrayEquals(new float[] {0, 0.25f, 0.25f, 0.5f, 0.5f}, rows.get(0), 1e-6f);
    }

    /** Orientation 3 (180°) keeps the size, so the stored grid is assumed: the box turns with the pixels. */
    @Test
    void withoutASwapTheStoredGridIsAssumed() {
        List<Issue> issues = new ArrayList<>();
        List<float[]> rows = PixelBoxes.normalize(labels(100, 50, new PixelBox(0, 0, 0, 20, 10, "a1")), 100, 50, 3, "i.jpg", issues);
        assertArrayEquals(new float[] {0, 0.9f, 0.9f, 0.2f, 0.2f}, rows.get(0), 1e-6f);
        assertTrue(issues.isEmpty());
    }
}
