package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShardPlanTest {
    @Test
    void fixedRowsPerFile() {
        ShardPlan plan = ShardPlan.byRows(128, 50);
        assertArrayEquals(new int[] {0, 50, 100}, plan.starts());
        assertEquals(0, plan.fileOf(49));
        assertEquals(1, plan.fileOf(50));
        assertEquals(2, plan.fileOf(127));
        assertEquals(1, ShardPlan.byRows(50, 50).files());
    }

    @Test
    void bytesFillEachFileUpToTheTarget() {
        ShardPlan plan = ShardPlan.byBytes(new long[] {40, 40, 30, 100, 10, 10}, 100);
        // 40+40 (adding 30 would pass 100), 30 alone (100 more would pass), 100, 10+10
        assertArrayEquals(new int[] {0, 2, 3, 4}, plan.starts());
        assertEquals(2, plan.fileOf(3));
        assertEquals(3, plan.fileOf(5));
    }

    @Test
    void anImageLargerThanTheTargetGetsAFileOfItsOwn() {
        assertArrayEquals(new int[] {0, 1, 2}, ShardPlan.byBytes(new long[] {500, 500, 1}, 100).starts());
    }
}
