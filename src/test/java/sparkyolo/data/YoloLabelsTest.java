package sparkyolo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkyolo.testing.SharedFixtures;

class YoloLabelsTest {
    private static final String FILE = "000000000009.txt";
    private static final int NC = 80;
    /** The eight lines of coco128's 000000000009.txt. */
    private static final String[] COCO9 = {
        "45 0.479492 0.688771 0.955609 0.5955",
        "45 0.736516 0.247188 0.498875 0.476417",
        "50 0.637063 0.732938 0.494125 0.510583",
        "45 0.339438 0.418896 0.678875 0.7815",
        "49 0.646836 0.132552 0.118047 0.096937",
        "49 0.773148 0.129802 0.090734 0.097229",
        "49 0.668297 0.226906 0.131281 0.146896",
        "49 0.642859 0.079219 0.148063 0.148062",
    };

    @Test
    void keepsFileOrderWhenThereAreNoDuplicates() {
        YoloLabels labels = YoloLabels.parse(String.join("\n", COCO9) + "\n", FILE, NC);
        assertEquals(List.of(), labels.problems());
        assertEquals(8, labels.size());
        for (int i = 0; i < COCO9.length; i++) {
            assertArrayEquals(row(COCO9[i]), labels.rows()[i], "row " + i);
        }
    }

    /**
     * Line 8 repeats line 4 (nine lines). The expected rows are what the original's
     * {@code np.unique(lb, axis=0, return_index=True)} returns (numpy, run by hand): sorted by class,
     * then cx, keeping the first copy.
     */
    @Test
    void removesDuplicatesAndSortsRowsLikeNpUnique() {
        String text = String.join("\n",
                COCO9[0], COCO9[1], COCO9[2], COCO9[6], COCO9[3], COCO9[4], COCO9[5], COCO9[6], COCO9[7]);
        YoloLabels labels = YoloLabels.parse(text, FILE, NC);
        String[] npUniqueOrder = {COCO9[3], COCO9[0], COCO9[1], COCO9[7], COCO9[4], COCO9[6], COCO9[5], COCO9[2]};
        assertEquals(8, labels.size());
        assertEquals(List.of(new LabelProblem(FILE, 8, "duplicate of line 4, removed")), labels.problems());
        for (int i = 0; i < npUniqueOrder.length; i++) {
            assertArrayEquals(row(npUniqueOrder[i]), labels.rows()[i], "row " + i);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "45 0.5 0.5 0.2                | expected 5 columns (class cx cy w h), got 4",
        "45 0.5 0.5 0.2 0.2 0.9        | expected 5 columns (class cx cy w h), got 6",
        "45 0.5 abc 0.2 0.2            | not a number: 'abc'",
        "45 0.5 0.5f 0.2 0.2           | not a number: '0.5f'",
        "45 NaN 0.5 0.2 0.2            | not a number: 'NaN'",
        "45 0x1p-1 0.5 0.2 0.2         | not a number: '0x1p-1'",
        "-1 0.5 0.5 0.2 0.2            | class id -1 outside [0, 80)",
        "80 0.5 0.5 0.2 0.2            | class id 80 outside [0, 80)",
        "4.5 0.5 0.5 0.2 0.2           | class id 4.5 is not an integer",
        "45 1.2 0.5 0.2 0.2            | coordinate 1.2 outside [0, 1] (coordinates must be normalized)",
        "45 0.5 -0.1 0.2 0.2           | coordinate -0.1 outside [0, 1] (coordinates must be normalized)",
        "45 0.5 0.5 0.2 312            | coordinate 312 outside [0, 1] (coordinates must be normalized)",
        "45 0.5 0.5 0 0.2              | non-positive width or height",
        "45 0.5 0.5 0.2 0.0            | non-positive width or height",
    })
    void skipsABadLineAndKeepsTheRest(String badLine, String reason) {
        String text = COCO9[0] + "\n\n" + badLine + "\n" + COCO9[1] + "\n";
        YoloLabels labels = YoloLabels.parse(text, FILE, NC);
        assertEquals(List.of(new LabelProblem(FILE, 3, reason)), labels.problems());
        assertEquals(2, labels.size());
        assertArrayEquals(row(COCO9[0]), labels.rows()[0]);
        assertArrayEquals(row(COCO9[1]), labels.rows()[1]);
    }

    /** The checks of a line, on rows that are already numbers (a prepared dataset's boxes). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "45 0.5 0.5 0.2 0.2            | ",
        "0 0 1 1 1                     | ",
        "80 0.5 0.5 0.2 0.2            | class id 80 outside [0, 80)",
        "4.5 0.5 0.5 0.2 0.2           | class id 4.5 is not an integer",
        "45 1.25 0.5 0.2 0.2           | coordinate 1.25 outside [0, 1] (coordinates must be normalized)",
        "45 0.5 0.5 0 0.2              | non-positive width or height",
    })
    void checksNumericRowsAsLines(String values, String reason) {
        assertEquals(reason, YoloLabels.problem(row(values), NC));
    }

    @Test
    void acceptsTheOriginalsBoundsAndNumberForms() {
        YoloLabels labels = YoloLabels.parse("0 0 1 1 1\r\n79.0 .5 +0.5 5e-1 1.\r\n", FILE, NC);
        assertEquals(List.of(), labels.problems());
        assertArrayEquals(new float[] {79, 0.5f, 0.5f, 0.5f, 1}, labels.rows()[1]);
    }

    @Test
    void problemsNameFileAndLine() {
        YoloLabels labels = YoloLabels.parse("x\n", "data/labels/a.txt", NC);
        assertEquals("data/labels/a.txt:1: expected 5 columns (class cx cy w h), got 1",
                labels.problems().get(0).toString());
    }

    @Test
    void emptyOrMissingFileIsABackgroundImage() {
        for (String text : new String[] {null, "", "\n", "  \n\t\n"}) {
            YoloLabels labels = YoloLabels.parse(text, FILE, NC);
            assertEquals(0, labels.size());
            assertEquals(List.of(), labels.problems());
        }
    }

    @Test
    void everyCoco128LabelFileIsClean() throws IOException {
        Path dir = SharedFixtures.coco128().resolve("labels").resolve("train2017");
        int rows = 0;
        try (Stream<Path> files = Files.list(dir).filter(f -> f.toString().endsWith(".txt"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                YoloLabels labels = YoloLabels.parse(Files.readString(f), f.toString(), NC);
                assertEquals(List.of(), labels.problems(), f.toString());
                rows += labels.size();
            }
        }
        assertTrue(rows > 900, "coco128 has about 930 boxes, parsed " + rows);
    }

    private static float[] row(String line) {
        String[] t = line.split(" ");
        float[] r = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = Float.parseFloat(t[i]);
        }
        return r;
    }
}
