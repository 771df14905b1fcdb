package sparkyolo.prep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Class remapping and duplicate removal on normalized {@code [cls, cx, cy, w, h]} rows. */
final class LabelRows {
    private LabelRows() {
    }

    /** Rows with their classes mapped through {@code table}; rows that became equal keep their first. */
    static List<float[]> remap(List<float[]> rows, int[] table, String path, List<Issue> issues) {
        List<float[]> out = new ArrayList<>(rows.size());
        for (float[] row : rows) {
            float[] mapped = row.clone();
            mapped[0] = table[(int) row[0]];
            out.add(mapped);
        }
        return dedupe(out, path, issues);
    }

    /** The first of each set of equal rows, in their order; each dropped row is reported. */
    static List<float[]> dedupe(List<float[]> rows, String path, List<Issue> issues) {
        Set<List<Float>> seen = new HashSet<>();
        List<float[]> out = new ArrayList<>(rows.size());
        for (float[] row : rows) {
            List<Float> key = new ArrayList<>(row.length);
            for (float v : row) {
                key.add(v == 0 ? 0f : v); // -0.0 equals 0.0
            }
            if (seen.add(key)) {
                out.add(row);
            } else {
                issues.add(Issue.of(IssueReason.DUPLICATE_LABEL, path, "repeated box " + format(row) + " removed"));
            }
        }
        return out;
    }

    private static String format(float[] row) {
        StringBuilder s = new StringBuilder().append((int) row[0]);
        for (float v : Arrays.copyOfRange(row, 1, row.length)) {
            s.append(String.format(Locale.ROOT, " %.6f", v));
        }
        return s.toString();
    }
}
