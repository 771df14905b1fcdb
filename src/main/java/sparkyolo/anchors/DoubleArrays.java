package sparkyolo.anchors;

/** Small helpers for the {@code double[][]} anchor and label tables of this package. */
final class DoubleArrays {
    private DoubleArrays() {
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
