package sparkyolo.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** build_targets rules on hand-placed targets (one level, one 1x1 anchor, 4x4 grid). */
class TargetAssignerTest {
    static final TargetAssigner ASSIGNER = new TargetAssigner(new float[][][] {{{1f, 1f}}}, 4.0);
    static final int[][] GRID = {{4, 4}};

    static LevelTargets assign(float[]... targets) {
        List<LevelTargets> levels = ASSIGNER.assign(targets, GRID);
        assertEquals(1, levels.size());
        return levels.get(0);
    }

    @Test
    void emptyTargetsAssignNothing() {
        assertEquals(0, assign().size());
    }

    @Test
    void centreInTheLowerLeftQuarterAlsoGoesToTheLeftAndUpperCells() {
        // Grid (1.25, 2.25): own cell (1, 2), left (0, 2) since 0.25 < 0.5 and gx > 1, up (1, 1).
        LevelTargets t = assign(new float[] {0, 7, 1.25f / 4, 2.25f / 4, 0.25f, 0.25f});
        assertArrayEquals(new int[] {1, 0, 1}, t.gridX());
        assertArrayEquals(new int[] {2, 2, 1}, t.gridY());
        assertArrayEquals(new int[] {7, 7, 7}, t.cls());
        assertArrayEquals(new float[] {0.25f, 0.25f, 1, 1, 1.25f, 0.25f, 1, 1, 0.25f, 1.25f, 1, 1}, t.box());
    }

    @Test
    void targetsTooFarFromTheAnchorShapeAreDropped() {
        // 4.0 grid units wide against a 1x1 anchor: ratio 4 is not < anchor_t 4.
        assertEquals(0, assign(new float[] {0, 0, 0.5f, 0.5f, 1f, 0.25f}).size());
    }

    @Test
    void centreOnTheRightEdgeUsesTheClampedCellForItsBox() {
        // cx = 1.0: grid x 4.0, own cell 4 clamped to 3 (grid y 2.5 has no vertical neighbour).
        // The original clamps gij in place before tbox = gxy - gij, so the box centre is 1.0
        // relative to cell 3 (on its right edge). The left neighbour (4.0 - 0.5 -> cell 3) is the
        // same cell with the same box.
        LevelTargets t = assign(new float[] {0, 0, 1.0f, 0.625f, 0.25f, 0.25f});
        assertArrayEquals(new int[] {3, 3}, t.gridX());
        assertArrayEquals(new int[] {2, 2}, t.gridY());
        assertArrayEquals(new float[] {1f, 0.5f, 1, 1, 1f, 0.5f, 1, 1}, t.box(), 1e-6f);
    }
}
