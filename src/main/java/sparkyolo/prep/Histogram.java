package sparkyolo.prep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Counts of a measure in bins: bin 0 is below {@code edges[0]}, bin i is {@code [edges[i-1], edges[i])},
 * the last bin is {@code edges[last]} and above.
 *
 * @param bins readable bin labels, e.g. {@code "<8"}, {@code "8-16"}, {@code ">=512"}
 */
public record Histogram(String measure, double[] edges, List<String> bins, long[] counts) {
    static Histogram of(String measure, double[] edges, long[] counts) {
        return new Histogram(measure, edges.clone(), labels(edges), counts.clone());
    }

    /** The bin of {@code value} as a Spark column. */
    static Column binColumn(Column value, double[] edges) {
        Column bin = functions.lit(edges.length);
        for (int i = edges.length - 1; i >= 0; i--) {
            bin = functions.when(value.lt(edges[i]), i).otherwise(bin);
        }
        return bin;
    }

    /** The bin of {@code value}. */
    static int bin(double value, double[] edges) {
        int i = 0;
        while (i < edges.length && value >= edges[i]) {
            i++;
        }
        return i;
    }

    private static List<String> labels(double[] edges) {
        List<String> labels = new ArrayList<>();
        labels.add("<" + format(edges[0]));
        for (int i = 1; i < edges.length; i++) {
            labels.add(format(edges[i - 1]) + "-" + format(edges[i]));
        }
        labels.add(">=" + format(edges[edges.length - 1]));
        return labels;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
