package sparkyolo.eval;

/**
 * The original's rectangular batches for validation: images sorted by aspect ratio (h/w),
 * grouped into batches, and each batch letterboxed to the smallest stride-multiple shape
 * that fits its images at {@code imgSize} (plus {@code pad} strides).
 */
public final class RectBatches {
    private final int[] order;
    private final int[][] batchShapes;
    private final int batchSize;

    private RectBatches(int[] order, int[][] batchShapes, int batchSize) {
        this.order = order;
        this.batchShapes = batchShapes;
        this.batchSize = batchSize;
    }

    /**
     * @param heights image heights as the original measures them (before any resize)
     * @param widths  image widths
     */
    public static RectBatches of(int[] heights, int[] widths, int batchSize, int imgSize, int stride, double pad) {
        int n = heights.length;
        double[] ar = new double[n];
        for (int i = 0; i < n; i++) {
            ar[i] = heights[i] / (double) widths[i];
        }
        int[] order = NumpyArgsort.argsort(ar);
        int nb = (n + batchSize - 1) / batchSize;
        int[][] shapes = new int[nb][2];
        for (int b = 0; b < nb; b++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = b * batchSize; k < Math.min(n, (b + 1) * batchSize); k++) {
                min = Math.min(min, ar[order[k]]);
                max = Math.max(max, ar[order[k]]);
            }
            double sh = 1;
            double sw = 1;
            if (max < 1) {
                sh = max;
            } else if (min > 1) {
                sw = 1 / min;
            }
            shapes[b][0] = (int) Math.ceil(sh * imgSize / stride + pad) * stride;
            shapes[b][1] = (int) Math.ceil(sw * imgSize / stride + pad) * stride;
        }
        return new RectBatches(order, shapes, batchSize);
    }

    /** Image indices in batch order (sorted by aspect ratio). */
    public int[] order() {
        return order.clone();
    }

    public int batches() {
        return batchShapes.length;
    }

    /** {@code [height, width]} of batch {@code b}. */
    public int[] shape(int b) {
        return batchShapes[b].clone();
    }

    /** The image indices of batch {@code b}. */
    public int[] batch(int b) {
        int from = b * batchSize;
        int to = Math.min(order.length, from + batchSize);
        return java.util.Arrays.copyOfRange(order, from, to);
    }
}
