package sparkyolo.eval;

/**
 * numpy 1.24's default {@code np.argsort} (kind 'quicksort') for float64 keys: an introsort
 * (median-of-3 quicksort, insertion sort for short ranges, heapsort once the depth limit is
 * spent). It is not stable; the point of reproducing it step by step is that YOLOv5's metrics
 * depend on the order it gives to equal keys. NaN sorts last, as in numpy.
 *
 * <p>Newer numpy versions dispatch argsort to SIMD kernels on x86 machines with AVX2/AVX-512, which
 * order ties differently; this class follows the portable path that numpy 1.24 always took.
 */
public final class NumpyArgsort {
    /** Ranges with more than this many elements beyond the first are partitioned (numpy SMALL_QUICKSORT). */
    private static final int SMALL_QUICKSORT = 15;
    private static final int STACK_SIZE = 128;

    private NumpyArgsort() {
    }

    /** Indices that sort {@code keys} ascending, ties ordered exactly as numpy 1.24 orders them. */
    public static int[] argsort(double[] keys) {
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (order.length > 1) {
            introsort(keys, order);
        }
        return order;
    }

    /** Indices that sort {@code -keys} ascending, i.e. {@code np.argsort(-keys)}. */
    public static int[] argsortOfNegated(double[] keys) {
        double[] negated = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            negated[i] = -keys[i];
        }
        return argsort(negated);
    }

    private static void introsort(double[] v, int[] idx) {
        int[] stack = new int[STACK_SIZE];
        int[] depthStack = new int[STACK_SIZE / 2];
        int sp = 0;
        int dp = 0;
        int lo = 0;
        int hi = idx.length - 1;
        int depth = 2 * floorLog2(idx.length);
        while (true) {
            if (depth < 0) {
                heapsort(v, idx, lo, hi - lo + 1);
            } else {
                while (hi - lo > SMALL_QUICKSORT) {
                    int mid = lo + ((hi - lo) >> 1);
                    if (less(v[idx[mid]], v[idx[lo]])) {
                        swap(idx, mid, lo);
                    }
                    if (less(v[idx[hi]], v[idx[mid]])) {
                        swap(idx, hi, mid);
                    }
                    if (less(v[idx[mid]], v[idx[lo]])) {
                        swap(idx, mid, lo);
                    }
                    double pivot = v[idx[mid]];
                    int i = lo;
                    int j = hi - 1;
                    swap(idx, mid, j);
                    while (true) {
                        do {
                            i++;
                        } while (less(v[idx[i]], pivot));
                        do {
                            j--;
                        } while (less(pivot, v[idx[j]]));
                        if (i >= j) {
                            break;
                        }
                        swap(idx, i, j);
                    }
                    swap(idx, i, hi - 1);
                    // Continue with the smaller side, push the larger one.
                    if (i - lo < hi - i) {
                        stack[sp++] = i + 1;
                        stack[sp++] = hi;
                        hi = i - 1;
                    } else {
                        stack[sp++] = lo;
                        stack[sp++] = i - 1;
                        lo = i + 1;
                    }
                    depthStack[dp++] = --depth;
                }
                insertionSort(v, idx, lo, hi);
            }
            if (sp == 0) {
                return;
            }
            hi = stack[--sp];
            lo = stack[--sp];
            depth = depthStack[--dp];
        }
    }

    private static void insertionSort(double[] v, int[] idx, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            int moving = idx[i];
            double key = v[moving];
            int j = i;
            while (j > lo && less(key, v[idx[j - 1]])) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = moving;
        }
    }

    /** numpy's aheapsort on idx[start .. start+n-1], with its 1-based heap indexing. */
    private static void heapsort(double[] v, int[] idx, int start, int n) {
        int base = start - 1;
        for (int l = n >> 1; l > 0; l--) {
            siftDown(v, idx, base, l, n, idx[base + l]);
        }
        while (n > 1) {
            int tmp = idx[base + n];
            idx[base + n] = idx[base + 1];
            n--;
            siftDown(v, idx, base, 1, n, tmp);
        }
    }

    private static void siftDown(double[] v, int[] idx, int base, int i, int n, int tmp) {
        int j = i << 1;
        while (j <= n) {
            if (j < n && less(v[idx[base + j]], v[idx[base + j + 1]])) {
                j++;
            }
            if (!less(v[tmp], v[idx[base + j]])) {
                break;
            }
            idx[base + i] = idx[base + j];
            i = j;
            j += j;
        }
        idx[base + i] = tmp;
    }

    /** numpy's float ordering: NaN is larger than every number. */
    private static boolean less(double a, double b) {
        return a < b || (b != b && a == a);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static int floorLog2(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }
}
