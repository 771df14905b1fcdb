package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SliceBoundsTest {

    @Test
    void slicesAreContiguousCoverEverythingAndDifferByAtMostOne() {
        int[][] cases = {{10, 3}, {1_872_157, 2}, {7_235_389, 8}, {5, 8}, {0, 2}, {12, 4}, {1, 1}};
        for (int[] c : cases) {
            int next = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int r = 0; r < c[1]; r++) {
                SliceBounds slice = SliceBounds.of(c[0], c[1], r);
                assertEquals(next, slice.from(), "offset of slice " + r + " for " + c[0] + "/" + c[1]);
                next += slice.length();
                min = Math.min(min, slice.length());
                max = Math.max(max, slice.length());
            }
            assertEquals(c[0], next);
            assertTrue(max - min <= 1, "sizes " + min + ".." + max);
        }
    }

    @Test
    void longerSlicesComeFirst() {
        assertEquals(3, SliceBounds.of(10, 4, 0).length());
        assertEquals(3, SliceBounds.of(10, 4, 1).length());
        assertEquals(2, SliceBounds.of(10, 4, 2).length());
        assertEquals(8, SliceBounds.of(10, 4, 3).from());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SliceBounds.of(10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SliceBounds.of(10, 2, 2));
    }
}
