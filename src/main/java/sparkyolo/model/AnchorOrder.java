package sparkyolo.model;

/** The original's check_anchor_order for anchors per level, {@code [nl][2*na]} in pixels. */
public final class AnchorOrder {
    private AnchorOrder() {
    }

    /**
     * The levels in stride order: when mean anchor area and stride run in opposite directions
     * from the first level to the last, a copy with the levels reversed; else {@code levels}.
     */
    public static double[][] byStride(double[][] levels, double[] strides) {
        double da = meanArea(levels[levels.length - 1]) - meanArea(levels[0]);
        double ds = strides[strides.length - 1] - strides[0];
        if (da == 0 || Math.signum(da) == Math.signum(ds)) {
            return levels;
        }
        double[][] reversed = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            reversed[i] = levels[levels.length - 1 - i];
        }
        return reversed;
    }

    private static double meanArea(double[] level) {
        double sum = 0;
        for (int j = 0; j < level.length; j += 2) {
            sum += level[j] * level[j + 1];
        }
        return sum / (level.length / 2.0);
    }
}
