package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkyolo.util.InvalidOptionException;

class ClassRemapTest {
    static final List<String> SOURCE = List.of("person", "car", "cat", "dog", "truck");

    @Test
    void noMapKeepsEveryIndex() {
        ClassRemap r = ClassRemap.of(SOURCE, Map.of());
        assertEquals(SOURCE, r.names());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, r.table());
        assertFalse(r.merges());
    }

    @Test
    void mappingToOneNameMergesInOrderOfFirstSourceClass() {
        ClassRemap r = ClassRemap.of(SOURCE, Map.of("car", "vehicle", "truck", "vehicle", "cat", "animal", "dog", "animal"));
        assertEquals(List.of("person", "vehicle", "animal"), r.names());
        assertArrayEquals(new int[] {0, 1, 2, 2, 1}, r.table());
        assertTrue(r.merges());
    }

    @Test
    void renamingAloneKeepsIndices() {
        ClassRemap r = ClassRemap.of(SOURCE, Map.of("person", "human"));
        assertEquals(List.of("human", "car", "cat", "dog", "truck"), r.names());
        assertFalse(r.merges());
    }

    @Test
    void anUnknownSourceClassIsAnOptionError() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> ClassRemap.of(SOURCE, Map.of("horse", "animal")));
        assertEquals("--class-map", e.option());
        assertTrue(e.getMessage().contains("'horse'"));
    }

    @Test
    void mergedLabelsThatBecomeEqualKeepTheirFirst() {
        ClassRemap r = ClassRemap.of(SOURCE, Map.of("cat", "animal", "dog", "animal"));
        List<Issue> issues = new ArrayList<>();
        List<float[]> rows = LabelRows.remap(List.of(new float[] {2, .5f, .5f, .1f, .1f}, new float[] {3, .5f, .5f, .1f, .1f},
                new float[] {3, .2f, .2f, .1f, .1f}), r.table(), "x.txt", issues);
        assertEquals(2, rows.size());
        assertArrayEquals(new float[] {2, .5f, .5f, .1f, .1f}, rows.get(0));
        assertArrayEquals(new float[] {2, .2f, .2f, .1f, .1f}, rows.get(1));
        assertEquals(IssueReason.DUPLICATE_LABEL, issues.get(0).reason());
    }
}
