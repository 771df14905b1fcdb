package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.io.HadoopFiles;

class ResultsCsvTest {
    private static final HadoopFiles FILES = HadoopFiles.local();

    @TempDir
    Path dir;

    @Test
    void headerIsTheColumnNamesRightAlignedIn20CharactersLikeTheOriginal() {
        // The original: ('%20s,' * n % tuple(['epoch'] + keys)).rstrip(',')
        String expected = ResultsCsv.COLUMNS.stream().map(c -> String.format("%20s", c))
                .collect(Collectors.joining(","));
        assertEquals(expected, ResultsCsv.header());
        assertTrue(ResultsCsv.header().startsWith("               epoch,      train/box_loss,"));
        // 20 characters is exactly the longest name, so it is not padded.
        assertTrue(ResultsCsv.header().contains(",metrics/mAP_0.5:0.95,"));
        assertEquals(14, ResultsCsv.COLUMNS.size());
    }

    @Test
    void valuesAreWrittenAsPercent20Point5g() {
        double[] values = {0.123456789, 0.05, 1e-5, 12345.678, 0, 1, 0.5, 0.25, 2e-7, 3.0, 100000.0, 0.0100, 0.0032};
        String line = ResultsCsv.format(new ResultsCsv.Row(7, values));
        String[] cells = line.split(",");
        assertEquals(14, cells.length);
        for (String cell : cells) {
            assertEquals(20, cell.length(), "every cell is 20 characters: '" + cell + "'");
        }
        assertEquals("                   7", cells[0]);
        assertEquals("             0.12346", cells[1]);
        assertEquals("                0.05", cells[2]);
        assertEquals("               1e-05", cells[3]);
        assertEquals("               12346", cells[4]);
        assertEquals("                   0", cells[5]);
        assertEquals("               2e-07", cells[9]);
        assertEquals("               1e+05", cells[11]);
    }

    @Test
    void appendWritesTheHeaderOnceAndRowsReadBack() throws Exception {
        String path = dir.resolve("run/results.csv").toString();
        ResultsCsv.Row first = new ResultsCsv.Row(0, ramp(0.1));
        ResultsCsv.Row second = new ResultsCsv.Row(1, ramp(0.2));
        ResultsCsv.append(FILES, path, first);
        ResultsCsv.append(FILES, path, second);

        String text = FILES.readString(path);
        String[] lines = text.split("\n");
        assertEquals(3, lines.length);
        assertEquals(ResultsCsv.header(), lines[0]);
        assertEquals(ResultsCsv.format(second), lines[2]);

        List<ResultsCsv.Row> rows = ResultsCsv.read(FILES, path);
        assertEquals(2, rows.size());
        assertEquals(0, rows.get(0).epoch());
        assertEquals(1, rows.get(1).epoch());
        // Values come back as written: rounded to 5 significant digits.
        assertArrayEquals(toFiveDigits(first.values()), rows.get(0).values());
        assertArrayEquals(toFiveDigits(second.values()), rows.get(1).values());
        assertTrue(FILES.listFiles(dir.resolve("run").toString()).stream().noneMatch(p -> p.endsWith(".tmp")),
                "no temporary file left behind");
    }

    @Test
    void nanAndInfinityRoundTrip() {
        double[] values = ramp(0.1);
        values[0] = Double.NaN;
        values[1] = Double.POSITIVE_INFINITY;
        String text = ResultsCsv.header() + "\n" + ResultsCsv.format(new ResultsCsv.Row(3, values)) + "\n";
        double[] back = ResultsCsv.parse(text).get(0).values();
        assertTrue(Double.isNaN(back[0]));
        assertEquals(Double.POSITIVE_INFINITY, back[1]);
    }

    @Test
    void rowsMustHaveThirteenValues() {
        assertThrows(IllegalArgumentException.class, () -> new ResultsCsv.Row(0, new double[12]));
        assertThrows(IllegalArgumentException.class,
                () -> ResultsCsv.parse(ResultsCsv.header() + "\n" + "0, 1, 2\n"));
    }

    private static double[] toFiveDigits(double[] values) {
        return Arrays.stream(values).map(v -> Double.parseDouble(String.format(Locale.ROOT, "%.4e", v))).toArray();
    }

    /** 13 distinct values {@code base * (i + 1) + small digits}. */
    static double[] ramp(double base) {
        double[] values = new double[ResultsCsv.VALUES];
        for (int i = 0; i < values.length; i++) {
            values[i] = base * (i + 1) + 0.0012345 * i;
        }
        return values;
    }
}
