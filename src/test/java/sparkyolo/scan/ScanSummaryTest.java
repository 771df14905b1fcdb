package sparkyolo.scan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.ImageRef;
import sparkyolo.data.YoloLabels;

/** The original's scan summary (found, missing, empty, corrupt) and the check of class ids against nc. */
class ScanSummaryTest {
    /** A record as the scan makes it from a label file's text (null: no label file). */
    static ImageRecord image(int index, String labelText, int nc) {
        YoloLabels labels = YoloLabels.parse(labelText, "img" + index + ".txt", nc);
        return new ImageRecord(index, ImageRef.file("img" + index + ".jpg"), 480, 640, labels.rows(),
                labels.problems().stream().map(Object::toString).toList(), null, labels.info());
    }

    @Test
    void countsAsTheOriginalAndNamesTheFirstOffenders() {
        List<ImageRecord> records = new ArrayList<>();
        records.add(image(0, "0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.1 0.1\n", 80));
        records.add(image(1, null, 80));
        records.add(image(2, "", 80));
        records.add(new ImageRecord(3, "img3.jpg", 0, 0, new float[0][], List.of(), "img3.jpg: truncated JPEG"));
        for (int i = 4; i < 11; i++) {
            records.add(image(i, "0 0.5 0.5 0.2 0.2\n0 1.5 0.5 0.2 0.2\n", 80));
        }
        ScanSummary s = ScanSummary.of("train", records, 80);
        List<String> lines = s.lines("runs/train/exp/scan-train.txt");
        assertEquals("train: 11 images: 9 with labels found, 1 missing, 1 empty, 1 corrupt; 9 boxes, 7 bad label lines",
                lines.get(0));
        assertEquals("  train: skipped img3.jpg: truncated JPEG", lines.get(1));
        assertTrue(lines.get(2).startsWith("  train: skipped img4.txt:2: coordinate 1.5 outside [0, 1]"), lines.get(2));
        assertEquals(ScanSummary.NAMED + 2, lines.size(), lines.toString());
        assertEquals("  train: 3 more; the full list is in runs/train/exp/scan-train.txt", lines.get(lines.size() - 1));
        String report = s.report();
        assertTrue(report.contains("images without a label file (trained as background) (1):\n  img1.jpg"), report);
        assertTrue(report.contains("bad label lines (skipped) (7):"), report);
        assertTrue(s.hasProblems());
    }

    @Test
    void refusesWhenMostBoxesUseClassesBeyondNc() {
        // nc=1, but the labels use COCO's 80 classes: 15 of 16 boxes would be dropped.
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            records.add(image(i, (i + 1) + " 0.5 0.5 0.2 0.2\n", 1));
        }
        records.add(image(15, "0 0.5 0.5 0.2 0.2\n", 1));
        ScanSummary s = ScanSummary.of("train", records, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.checkClasses("data.yaml"));
        assertEquals("data.yaml: 15 of 16 boxes of the 'train' split (94%) have a class id of nc=1 or more (the largest"
                + " is 15): the YAML's nc or names is likely wrong", e.getMessage());
        assertTrue(s.lines(null).get(0).endsWith("(15 with a class id of nc=1 or more, up to 15)"), s.lines(null).get(0));
    }

    @Test
    void aFewForeignClassesAreSkippedNotRefused() {
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(image(i, (i == 0 ? 5 : 0) + " 0.5 0.5 0.2 0.2\n", 2));
        }
        ScanSummary s = ScanSummary.of("val", records, 2);
        assertDoesNotThrow(() -> s.checkClasses("data.yaml"));
        assertEquals("val: 20 images: 20 with labels found, 0 missing, 0 empty, 0 corrupt; 19 boxes, 1 bad label lines"
                + " (1 with a class id of nc=2 or more, up to 5)", s.lines(null).get(0));
    }
}
