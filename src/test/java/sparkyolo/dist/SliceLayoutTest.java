package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SliceLayoutTest {

    @Test
    void slicesAreContiguousCoverEverythingAndDifferByAtMostOne() {
        int[][] cases = {{10, 3}, {1_872_157, 2}, {7_235_389, 8}, {5, 8}, {0, 2}, {12, 4}, {1, 1}};
        for (int[] c : cases) {
            SliceLayout layout = new SliceLayout(c[0], c[1]);
            int next = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int r = 0; r < c[1]; r++) {
                assertEquals(next, layout.offset(r), "offset of slice " + r + " for " + c[0] + "/" + c[1]);
                next += layout.length(r);
                min = Math.min(min, layout.length(r));
                max = Math.max(max, layout.length(r));
            }
            assertEquals(c[0], next);
            assertTrue(max - min <= 1, "sizes " + min + ".." + max);
        }
    }

    @Test
    void longerSlicesComeFirst() {
        SliceLayout layout = new SliceLayout(10, 4);
        assertEquals(3, layout.length(0));
        assertEquals(3, layout.length(1));
        assertEquals(2, layout.length(2));
        assertEquals(8, layout.offset(3));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SliceLayout(10, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new SliceLayout(10, 2).offset(2));
    }
}
