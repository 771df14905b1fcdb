package sparkyolo.plots;

import java.util.Arrays;

/** Equal-width binning as numpy's histogram / histogram2d do over the data range. */
final class Histograms {
    private Histograms() {
    }

    /** {@code bins + 1} edges from min to max; a range of width 0 becomes [v - 0.5, v + 0.5], as numpy does. */
    static double[] edges(double[] values, int bins) {
        double min = Arrays.stream(values).min().orElse(0.0);
        double max = Arrays.stream(values).max().orElse(1.0);
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        return edges;
    }

    /** The bin of {@code v}; the last bin is closed on the right. */
    static int bin(double v, double[] edges) {
        int bins = edges.length - 1;
        int i = (int) Math.floor((v - edges[0]) / (edges[bins] - edges[0]) * bins);
        return Math.min(Math.max(i, 0), bins - 1);
    }

    static double[] counts(double[] values, double[] edges) {
        double[] counts = new double[edges.length - 1];
        for (double v : values) {
            counts[bin(v, edges)]++;
        }
        return counts;
    }

    /** Counts [x bin][y bin]. */
    static double[][] counts2d(double[] x, double[] y, double[] xEdges, double[] yEdges) {
        double[][] counts = new double[xEdges.length - 1][yEdges.length - 1];
        for (int i = 0; i < x.length; i++) {
            counts[bin(x[i], xEdges)][bin(y[i], yEdges)]++;
        }
        return counts;
    }

    /** Bin centres. */
    static double[] centres(double[] edges) {
        double[] out = new double[edges.length - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = (edges[i] + edges[i + 1]) / 2;
        }
        return out;
    }

    /**
     * seaborn's {@code pmax}: the count at which the colour map saturates, chosen so that the cells
     * at or above it hold {@code 1 - pmax} of all counts (the densest cells share the darkest colour).
     */
    static double saturationLevel(double[][] counts, double pmax) {
        double[] sorted = Arrays.stream(counts).flatMapToDouble(Arrays::stream).sorted().toArray();
        double total = Arrays.stream(sorted).sum();
        double cumulative = 0.0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            cumulative += sorted[i];
            if (cumulative / total >= 1 - pmax) {
                return sorted[i];
            }
        }
        return sorted.length == 0 ? 0.0 : sorted[0];
    }
}
