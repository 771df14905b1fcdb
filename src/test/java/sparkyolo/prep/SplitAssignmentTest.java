package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignmentTest {
    private static List<PreparedImage> images(int n) {
        List<PreparedImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PreparedImage(i, "id" + i, "p" + i, true, "h" + i, "jpeg", 10, 10, new float[0][], null, 1, false,
                    false, List.of()));
        }
        return out;
    }

    private static List<SourceItem> items(int n, List<String> splits) {
        List<SourceItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SourceItem(i, "id" + i, "p" + i, splits, new SourceLabels.YoloFile("l" + i)));
        }
        return out;
    }

    private static List<Integer> indices(List<PreparedImage> images) {
        return images.stream().map(PreparedImage::index).toList();
    }

    @Test
    void ratiosCutASeededShuffleValAndTestRoundedDown() {
        SplitAssignment a = SplitAssignment.of(images(128), items(128, List.of("train")), new SplitRatios(0.8, 0.1, 0.1), 3);
        assertEquals(104, a.bySplit().get("train").size());
        assertEquals(12, a.bySplit().get("val").size());
        assertEquals(12, a.bySplit().get("test").size());
        List<Integer> val = indices(a.bySplit().get("val"));
        assertEquals(val.stream().sorted().toList(), val, "each split in path order");
        SplitAssignment again = SplitAssignment.of(images(128), items(128, List.of("train")), new SplitRatios(0.8, 0.1, 0.1), 3);
        assertEquals(val, indices(again.bySplit().get("val")), "same seed, same split");
        SplitAssignment other = SplitAssignment.of(images(128), items(128, List.of("train")), new SplitRatios(0.8, 0.1, 0.1), 4);
        assertNotEquals(val, indices(other.bySplit().get("val")));
    }

    @Test
    void sourceSplitsAreKeptAndSharedImagesNoted() {
        SplitAssignment a = SplitAssignment.of(images(3), items(3, List.of("train", "val")), null, 0);
        assertEquals(Map.of("train", List.of(0, 1, 2), "val", List.of(0, 1, 2)),
                Map.of("train", indices(a.bySplit().get("train")), "val", indices(a.bySplit().get("val"))));
        assertEquals(3, a.issues().size());
        assertEquals(IssueReason.IN_SEVERAL_SPLITS, a.issues().get(0).reason());
    }
}
