package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AnchorLevelsTest {
    private static final double[][] SORTED = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}};

    @Test
    void smallAnchorsGoToTheSmallStride() {
        double[][] levels = AnchorLevels.toLevels(SORTED, new double[] {8, 16, 32});
        assertArrayEquals(new double[] {1, 1, 2, 2}, levels[0]);
        assertArrayEquals(new double[] {5, 5, 6, 6}, levels[2]);
    }

    @Test
    void levelsAreReversedWhenStridesDescend() {
        double[][] levels = AnchorLevels.toLevels(SORTED, new double[] {32, 16, 8});
        assertArrayEquals(new double[] {5, 5, 6, 6}, levels[0]);
        assertArrayEquals(new double[] {3, 3, 4, 4}, levels[1]);
        assertArrayEquals(new double[] {1, 1, 2, 2}, levels[2]);
    }

    @Test
    void flattenUndoesToLevels() {
        double[][] flat = AnchorLevels.flatten(AnchorLevels.toLevels(SORTED, new double[] {8, 16, 32}));
        for (int i = 0; i < SORTED.length; i++) {
            assertArrayEquals(SORTED[i], flat[i]);
        }
    }
}
