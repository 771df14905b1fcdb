package sparkyolo.data.augment;

/**
 * The least fraction of an axis-aligned box that a w×h rectangle can fill after a linear map A:
 * the image is a parallelogram of area |det A|·w·h whose bounding box is
 * (|a00|·w + |a01|·h) × (|a10|·w + |a11|·h). The minimum is taken over the parameter ranges that
 * random_perspective draws from (rotation and two shears), on a grid that includes their ends.
 */
final class PurityBounds {
    private static final int STEPS = 20;

    private PurityBounds() {
    }

    /** @param aspects the h / w ratios of the rectangles */
    static double rotationAndShear(double maxDegrees, double maxShear, double... aspects) {
        double min = 1;
        for (int i = 0; i <= STEPS; i++) {
            double a = Math.toRadians(-maxDegrees + 2 * maxDegrees * i / STEPS);
            for (int j = 0; j <= STEPS; j++) {
                double sx = Math.tan(Math.toRadians(-maxShear + 2 * maxShear * j / STEPS));
                for (int k = 0; k <= STEPS; k++) {
                    double sy = Math.tan(Math.toRadians(-maxShear + 2 * maxShear * k / STEPS));
                    // S·R with R = [[cos, sin], [-sin, cos]] and S = [[1, sx], [sy, 1]], as the original composes them
                    double c = Math.cos(a);
                    double s = Math.sin(a);
                    double a00 = c - sx * s;
                    double a01 = s + sx * c;
                    double a10 = sy * c - s;
                    double a11 = sy * s + c;
                    double det = Math.abs(a00 * a11 - a01 * a10);
                    for (double rho : aspects) {
                        double purity = det * rho / ((Math.abs(a00) + Math.abs(a01) * rho)
                                * (Math.abs(a10) + Math.abs(a11) * rho));
                        min = Math.min(min, purity);
                    }
                }
            }
        }
        return min;
    }

    /**
     * The least fraction of its box that a rectangle fills after the perspective-only transform of
     * an s×s image ({@code T·P·C} with the centre shift undone by the half-size translation):
     * the warped quadrilateral's area (shoelace) over its bounding box, for perspective terms
     * on a grid over [-p, p]².
     *
     * @param rects {x1, y1, x2, y2} in output pixels
     */
    static double perspective(double p, int size, double[]... rects) {
        double min = 1;
        double half = size / 2.0;
        for (int i = 0; i <= STEPS; i++) {
            double px = -p + 2 * p * i / STEPS;
            for (int j = 0; j <= STEPS; j++) {
                double py = -p + 2 * p * j / STEPS;
                for (double[] r : rects) {
                    double[][] corners = {{r[0], r[1]}, {r[2], r[1]}, {r[2], r[3]}, {r[0], r[3]}};
                    double[] xs = new double[4];
                    double[] ys = new double[4];
                    for (int c = 0; c < 4; c++) {
                        double u = corners[c][0] - half;
                        double v = corners[c][1] - half;
                        double z = px * u + py * v + 1;
                        xs[c] = u / z + half;
                        ys[c] = v / z + half;
                    }
                    double area = 0;
                    for (int c = 0; c < 4; c++) {
                        area += xs[c] * ys[(c + 1) % 4] - xs[(c + 1) % 4] * ys[c];
                    }
                    double box = (max(xs) - min(xs)) * (max(ys) - min(ys));
                    min = Math.min(min, Math.abs(area) / 2 / box);
                }
            }
        }
        return min;
    }

    private static double max(double[] v) {
        return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
    }

    private static double min(double[] v) {
        return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
    }
}
