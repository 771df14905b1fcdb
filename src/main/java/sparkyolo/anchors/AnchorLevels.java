package sparkyolo.anchors;

import sparkyolo.model.AnchorOrder;

/**
 * Conversions between a model's anchors per detection level, {@code [nl][2*na]} in pixels, and a
 * flat list of {@code [w, h]} anchors.
 */
final class AnchorLevels {
    private AnchorLevels() {
    }

    static double[][] flatten(double[][] levels) {
        int na = levels[0].length / 2;
        double[][] flat = new double[levels.length * na][];
        for (int i = 0; i < levels.length; i++) {
            for (int a = 0; a < na; a++) {
                flat[i * na + a] = new double[] {levels[i][2 * a], levels[i][2 * a + 1]};
            }
        }
        return flat;
    }

    /**
     * The flat anchors dealt to {@code nl} levels in order (the original's {@code view_as}), then
     * put in stride order as check_anchor_order does: when mean anchor area and stride run in
     * opposite directions from the first level to the last, the levels are reversed.
     */
    static double[][] toLevels(double[][] flat, double[] strides) {
        int nl = strides.length;
        int na = flat.length / nl;
        double[][] levels = new double[nl][2 * na];
        for (int i = 0; i < nl; i++) {
            for (int a = 0; a < na; a++) {
                levels[i][2 * a] = flat[i * na + a][0];
                levels[i][2 * a + 1] = flat[i * na + a][1];
            }
        }
        return AnchorOrder.byStride(levels, strides);
    }
}
