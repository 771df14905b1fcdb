package sparkyolo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rows of one YOLO label file, {@code class cx cy w h} with coordinates normalized to [0, 1],
 * checked like the original's {@code verify_image_label()} (YOLOv5 v6.2). Unlike the original, which
 * drops the whole image when one line is bad, a bad line is skipped and reported and the rest of the
 * file is kept; zero width or height is also rejected. Polygon-segment lines are not supported.
 */
public final class YoloLabels {
    public static final int COLUMNS = 5;

    /** A decimal number as Python's float() reads it, without Java extras such as "1f", "0x1p3" or "NaN". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Lexicographic by value, as numpy sorts rows; -0.0 equals 0.0, as in numpy. */
    private static final Comparator<float[]> ROW_ORDER = (a, b) -> {
        for (int k = 0; k < COLUMNS; k++) {
            if (a[k] < b[k]) {
                return -1;
            }
            if (a[k] > b[k]) {
                return 1;
            }
        }
        return 0;
    };

    private final float[][] rows;
    private final List<LabelProblem> problems;
    private final LabelFileInfo info;

    private YoloLabels(float[][] rows, List<LabelProblem> problems, LabelFileInfo info) {
        this.rows = rows;
        this.problems = Collections.unmodifiableList(problems);
        this.info = info;
    }

    /**
     * @param text     the file's content; empty or {@code null} (no label file) means a background image
     * @param fileName used in the problems only
     * @param nc       number of classes; class ids must lie in [0, nc)
     */
    public static YoloLabels parse(String text, String fileName, int nc) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<LabelProblem> problems = new ArrayList<>();
        int outOfRange = 0;
        int largest = -1;
        String[] textLines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < textLines.length; i++) {
            if (textLines[i].isBlank()) {
                continue;
            }
            String[] tokens = textLines[i].strip().split("\\s+");
            float[] row = new float[COLUMNS];
            String problem = parseRow(tokens, nc, row);
            if (LabelFileInfo.isClassId(tokens[0], row[0])) {
                largest = Math.max(largest, (int) row[0]);
                outOfRange += row[0] >= nc ? 1 : 0;
            }
            if (problem == null) {
                rows.add(row);
                lines.add(i + 1);
            } else {
                problems.add(new LabelProblem(fileName, i + 1, problem));
            }
        }
        return new YoloLabels(removeDuplicates(rows, lines, fileName, problems), problems,
                new LabelFileInfo(text == null, outOfRange, largest));
    }

    /** Fills {@code row} and returns null, or returns why the line is rejected. */
    private static String parseRow(String[] tokens, int nc, float[] row) {
        if (tokens.length != COLUMNS) {
            return "expected " + COLUMNS + " columns (class cx cy w h), got " + tokens.length;
        }
        for (int k = 0; k < COLUMNS; k++) {
            if (!DECIMAL.matcher(tokens[k]).matches()) {
                return "not a number: '" + tokens[k] + "'";
            }
            // numpy converts text to float32 through a double; parse the same way.
            row[k] = (float) Double.parseDouble(tokens[k]);
        }
        return valueProblem(row, tokens, nc);
    }

    /**
     * Why a numeric row {@code [class, cx, cy, w, h]} (e.g. a prepared dataset's box) is rejected
     * by the checks a label line gets, or null.
     */
    public static String problem(float[] row, int nc) {
        String[] shown = new String[COLUMNS];
        for (int k = 0; k < COLUMNS; k++) {
            shown[k] = Float.toString(row[k]);
        }
        if (row[0] == Math.rint(row[0])) {
            shown[0] = Integer.toString((int) row[0]);
        }
        return valueProblem(row, shown, nc);
    }

    /** The checks of a row's values; {@code shown} are the values as the messages quote them. */
    private static String valueProblem(float[] row, String[] shown, int nc) {
        float cls = row[0];
        if (cls != Math.rint(cls)) {
            return "class id " + shown[0] + " is not an integer";
        }
        if (cls < 0 || cls >= nc) {
            return "class id " + shown[0] + " outside [0, " + nc + ")";
        }
        for (int k = 1; k < COLUMNS; k++) {
            if (row[k] < 0 || row[k] > 1) {
                return "coordinate " + shown[k] + " outside [0, 1] (coordinates must be normalized)";
            }
        }
        if (row[3] <= 0 || row[4] <= 0) {
            return "non-positive width or height";
        }
        return null;
    }

    /**
     * The original's {@code _, i = np.unique(lb, axis=0, return_index=True); lb = lb[i]}, applied only
     * when duplicates exist: the first of each set of equal rows is kept and the result comes out
     * sorted row-wise, as np.unique returns it.
     */
    private static float[][] removeDuplicates(List<float[]> rows, List<Integer> lines, String fileName,
            List<LabelProblem> problems) {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable, so the first occurrence leads each run of equal rows (numpy uses mergesort here).
        Arrays.sort(order, (a, b) -> ROW_ORDER.compare(rows.get(a), rows.get(b)));
        List<float[]> unique = new ArrayList<>();
        int first = -1;
        for (int idx : order) {
            if (first >= 0 && ROW_ORDER.compare(rows.get(first), rows.get(idx)) == 0) {
                problems.add(new LabelProblem(fileName, lines.get(idx),
                        "duplicate of line " + lines.get(first) + ", removed"));
            } else {
                first = idx;
                unique.add(rows.get(idx));
            }
        }
        problems.sort(Comparator.comparingInt(LabelProblem::line));
        List<float[]> kept = unique.size() < rows.size() ? unique : rows;
        return kept.toArray(new float[0][]);
    }

    /** The kept rows {@code [class, cx, cy, w, h]}, a copy. Empty for a background image. */
    public float[][] rows() {
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    public int size() {
        return rows.length;
    }

    /** Whether the file was missing, and the class ids beyond nc it used. */
    public LabelFileInfo info() {
        return info;
    }

    /** Skipped lines and removed duplicates, in line order. */
    public List<LabelProblem> problems() {
        return problems;
    }
}
